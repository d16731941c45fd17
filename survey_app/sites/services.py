"""Find, add, list and merge sites (schools and other settings)."""

from __future__ import annotations

import re
import unicodedata

from flask_babel import gettext as _
from sqlalchemy import select

from ..core.urls import DATABASE_INT_MAX
from ..extensions import db
from .models import Site

_IGNORED = re.compile(r"[\s\u00b7\u30fb·・,，.。()（）\[\]【】\-—_]+")


class SiteError(Exception):
    """A request about sites that cannot be carried out; the message is for people."""


def site_name_key(name: str) -> str:
    """The form two spellings of one name share: NFKC, case folded, spaces and punctuation dropped."""
    return _IGNORED.sub("", unicodedata.normalize("NFKC", name).casefold())[:120]


def find_or_add_site(street_code: str, kind: str, name: str) -> Site:
    """The street's site with this name (however it is spaced or cased), added if there is none."""
    name = " ".join(name.split())[:120]
    key = site_name_key(name)
    if not key:
        raise SiteError(_("Give the name of the school or place."))
    site = db.session.scalar(select(Site).where(Site.street_code == street_code, Site.name_key == key))
    if site is None:
        site = Site(street_code=street_code, kind=kind, name=name, name_key=key)
        db.session.add(site)
        db.session.flush()
    return site


def _site(site_id: int) -> Site | None:
    """The site with this id; None for any id the database cannot hold (a form value is not checked there)."""
    return db.session.get(Site, site_id) if 1 <= site_id <= DATABASE_INT_MAX else None


def get_site_in_street(site_id: int, street_code: str) -> Site:
    site = _site(site_id)
    if site is None or site.street_code != street_code:
        raise SiteError(_("Choose a school or place in the session's street, or add a new one."))
    return site


def list_sites(street_code: str | None = None) -> list[Site]:
    query = select(Site).order_by(Site.street_code, Site.name_key)
    if street_code:
        query = query.where(Site.street_code == street_code)
    return list(db.session.scalars(query))


def merge_sites(duplicate_id: int, keep_id: int, *, reassign) -> Site:
    """Fold a second spelling into the site that stays: its sessions move over, then it is deleted.

    ``reassign(from_id, to_id)`` moves whatever points at a site (the caller's sessions); sites know
    no feature that uses them.
    """
    duplicate, keep = _site(duplicate_id), _site(keep_id)
    if duplicate is None or keep is None or duplicate.id == keep.id:
        raise SiteError(_("Choose two different sites."))
    if duplicate.street_code != keep.street_code:
        raise SiteError(_("Only sites in the same street can be merged."))
    reassign(duplicate.id, keep.id)
    db.session.delete(duplicate)
    db.session.flush()
    return keep


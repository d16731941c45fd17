"""Schools and other settings as entities: created once per street, named for facilitators only."""

from __future__ import annotations

from sqlalchemy import ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from ..extensions import db


class Site(db.Model):
    """A school, community centre or other setting where sessions take place.

    The public "at least 3 schools" rule counts these rows, so one school must be one row: a name is
    matched on ``name_key`` (width, case and spaces folded) within its street, and an admin can merge two
    rows that are one place spelt two ways. Researchers and public pages never see the name.
    """

    __tablename__ = "sites"
    __table_args__ = (UniqueConstraint("street_code", "name_key", name="uq_sites_street_name"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    street_code: Mapped[str] = mapped_column(ForeignKey("places.code"), index=True)
    #: school, community_centre or other (fieldwork.models.Setting).
    kind: Mapped[str] = mapped_column(String(20))
    name: Mapped[str] = mapped_column(String(120))
    name_key: Mapped[str] = mapped_column(String(120))

"""Results by item, pooled across age bands, read from the running tallies and passed through disclosure control.

No number leaves this module without going through ``survey_app.privacy.disclosure``.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import exists, func, select

from ..extensions import db
from ..fieldwork.intake import RESPONSES
from ..fieldwork.models import AnswerSession, AnswerTally, AreaTally
from ..privacy.disclosure import (
    NO_ANSWERS,
    Audience,
    Cell,
    DisclosurePolicy,
    GroupShare,
    pooled_group,
    protect_keyed_count,
    protect_share_breakdown,
)
from ..questionnaires.models import QuestionnaireVersion
from ..questionnaires.schema import BandItem, Choice, Item, local
from ..questionnaires.services import get_definition


@dataclass(frozen=True)
class ItemResult:
    item: Item
    pooled: Cell          # share giving a counted answer, all bands pooled
    base: Cell            # respondents with a substantive answer
    by_band: dict[str, Cell]
    #: The answers the share counts (agree and strongly agree, or weekly and daily for a frequency item).
    counted: tuple[Choice, ...]


def disclosure_policy() -> DisclosurePolicy:
    return DisclosurePolicy.from_mapping(current_app.config)


@dataclass(frozen=True)
class Tally:
    count: int
    key: int  # the counted responses' record keys summed (a cell key once reduced modulo 256)


def _tallies(version: QuestionnaireVersion) -> dict[tuple[str, str], dict[str, Tally]]:
    """(item, band) -> value -> count and key sum, from the version's area tallies (a few rows per place)."""
    query = (select(AreaTally.item_code, AreaTally.band, AreaTally.value, func.sum(AreaTally.count),
                    func.sum(AreaTally.key_sum))
             .where(AreaTally.version_id == version.id)
             .group_by(AreaTally.item_code, AreaTally.band, AreaTally.value))
    found: dict[tuple[str, str], dict[str, Tally]] = defaultdict(dict)
    for code, band, value, count, key in db.session.execute(query):
        found[(code, band)][value] = Tally(int(count), int(key or 0))
    return found


def count_settings(version: QuestionnaireVersion) -> int:
    """Distinct schools or settings (sites) whose sessions have answers: the public area rule needs 3.

    Read from the tallies, not the responses; a session without a site counts for none (fails closed).
    """
    query = (select(func.count(func.distinct(AnswerSession.site_id)))
             .where(AnswerSession.version_id == version.id, has_answers()))
    return db.session.scalar(query) or 0


def has_answers(item_code: str = RESPONSES):
    """A session has answers (to one item, or any): probed by the tallies' key, one session at a time."""
    return exists().where(AnswerTally.session_id == AnswerSession.id, AnswerTally.item_code == item_code,
                          AnswerTally.count > 0)


def count_respondents(version: QuestionnaireVersion, audience: Audience) -> Cell:
    total, keys = db.session.execute(
        select(func.sum(AreaTally.count), func.sum(AreaTally.key_sum))
        .where(AreaTally.version_id == version.id, AreaTally.item_code == RESPONSES)).one()
    return protect_keyed_count(int(total or 0), int(keys or 0), audience=audience, policy=disclosure_policy())


def counted_answers(item: Item) -> tuple[Choice, ...]:
    """The scale points an item's share counts, in scale order, across its bands' scales."""
    points: dict[str, Choice] = {}
    for band_item in item.bands.values():
        for point in band_item.scale.points if band_item.scale else ():
            if point.agree:
                points.setdefault(point.code, point)
    return tuple(points.values())


def agree_group(band_item: BandItem, counts: dict[str, Tally]) -> GroupShare:
    """One band's counted answers (agree, often ...) over its substantive answers, with their key sums."""
    agree_codes = {p.code for p in band_item.scale.points if p.agree} if band_item.scale else set()
    counted = [t for value, t in counts.items() if value in agree_codes]
    answered = [t for value, t in counts.items() if not value.startswith("_")]
    return GroupShare(count=sum(t.count for t in counted), base=sum(t.count for t in answered),
                      count_key=sum(t.key for t in counted), base_key=sum(t.key for t in answered))


def agree_results(version: QuestionnaireVersion, audience: Audience) -> list[ItemResult]:
    """Per item that pools bands by ``agree_share``: the share giving a counted answer, pooled and by band."""
    definition, tallies, policy = get_definition(version), _tallies(version), disclosure_policy()
    settings = count_settings(version)
    results = []
    for item in definition.items:
        if item.harmonise != "agree_share" or not item.is_indicator:
            continue
        groups = {band_id: agree_group(band_item, tallies.get((item.code, band_id), {}))
                  for band_id, band_item in item.bands.items()}
        pooled, by_band = protect_share_breakdown(groups, audience=audience, policy=policy, settings_count=settings)
        everyone = pooled_group(groups)
        base = protect_keyed_count(everyone.base, everyone.base_key, audience=audience, policy=policy)
        results.append(ItemResult(item, pooled, base, by_band, counted_answers(item)))
    return results


def shown_text(cell: Cell) -> str:
    """What a page or CSV prints for a cell: its display, with "no answers" in the reader's language."""
    return str(_("no answers")) if cell.display == NO_ANSWERS else cell.display


def results_csv_rows(version: QuestionnaireVersion, audience: Audience, lang: str) -> list[list[str]]:
    """The results table as CSV rows: only protected display values, never raw counts."""
    definition = get_definition(version)
    bands = [band.id for band in definition.bands]
    rows = [["item", "action", "scale", "lundy", "question", "counted_answers", "respondents", "agree_pooled",
             *[f"agree_band_{b}" for b in bands]]]
    for result in agree_results(version, audience):
        band_text = next(iter(result.item.bands.values())).text
        rows.append([result.item.code, result.item.tags.get("action", ""), result.item.tags.get("scale", ""),
                     result.item.tags.get("lundy", ""), band_text.get(lang) or band_text.get("zh", ""),
                     " / ".join(local(p.label, lang) for p in result.counted),
                     result.base.display, shown_text(result.pooled),
                     *[shown_text(result.by_band[b]) if b in result.by_band else "" for b in bands]])
    return rows

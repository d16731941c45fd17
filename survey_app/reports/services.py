"""Results by item, pooled across age bands, read from the running tallies and passed through disclosure control.

No number leaves this module without going through ``survey_app.privacy.disclosure``.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from flask import current_app
from sqlalchemy import func, select

from ..extensions import db
from ..fieldwork.models import AnswerSession, AnswerTally, Response
from ..privacy.disclosure import Audience, Cell, DisclosurePolicy, protect_count, protect_shares
from ..questionnaires.models import QuestionnaireVersion
from ..questionnaires.schema import Item
from ..questionnaires.services import get_definition


@dataclass(frozen=True)
class ItemResult:
    item: Item
    pooled: Cell          # share agreeing, all bands pooled
    base: Cell            # respondents with a substantive answer
    by_band: dict[str, Cell]


def disclosure_policy() -> DisclosurePolicy:
    return DisclosurePolicy.from_mapping(current_app.config)


def _tallies(version: QuestionnaireVersion) -> dict[tuple[str, str], dict[str, int]]:
    """(item, band) -> value -> count, summed over the version's sessions."""
    query = (select(AnswerTally.item_code, AnswerTally.band, AnswerTally.value, func.sum(AnswerTally.count))
             .join(AnswerSession, AnswerSession.id == AnswerTally.session_id)
             .where(AnswerSession.version_id == version.id)
             .group_by(AnswerTally.item_code, AnswerTally.band, AnswerTally.value))
    found: dict[tuple[str, str], dict[str, int]] = defaultdict(dict)
    for code, band, value, count in db.session.execute(query):
        found[(code, band)][value] = int(count)
    return found


def count_settings(version: QuestionnaireVersion) -> int:
    """Distinct schools or settings that contributed answers (the public area rule needs at least 3)."""
    query = (select(func.count(func.distinct(func.lower(AnswerSession.setting_name))))
             .where(AnswerSession.version_id == version.id,
                    AnswerSession.id.in_(select(Response.session_id).distinct())))
    return db.session.scalar(query) or 0


def count_respondents(version: QuestionnaireVersion, audience: Audience) -> Cell:
    total = db.session.scalar(select(func.count()).where(Response.version_id == version.id)) or 0
    return protect_count(total, audience=audience, policy=disclosure_policy())


def agree_results(version: QuestionnaireVersion, audience: Audience) -> list[ItemResult]:
    """The share agreeing per item that pools bands by ``agree_share``, overall and by band."""
    definition, tallies, policy = get_definition(version), _tallies(version), disclosure_policy()
    settings = count_settings(version)
    results = []
    for item in definition.items:
        if item.harmonise != "agree_share" or item.practice:
            continue
        agree_total = base_total = 0
        by_band = {}
        for band_id, band_item in item.bands.items():
            counts = tallies.get((item.code, band_id), {})
            agree_codes = {p.code for p in band_item.scale.points if p.agree} if band_item.scale else set()
            base = sum(n for value, n in counts.items() if not value.startswith("_"))
            agree = sum(n for value, n in counts.items() if value in agree_codes)
            agree_total, base_total = agree_total + agree, base_total + base
            by_band[band_id] = protect_shares({"agree": agree}, base, audience=audience, policy=policy,
                                              settings_count=settings)["agree"]
        pooled = protect_shares({"agree": agree_total}, base_total, audience=audience, policy=policy,
                                settings_count=settings)["agree"]
        results.append(ItemResult(item, pooled, protect_count(base_total, audience=audience, policy=policy),
                                  by_band))
    return results


def results_csv_rows(version: QuestionnaireVersion, audience: Audience, lang: str) -> list[list[str]]:
    """The results table as CSV rows: only protected display values, never raw counts."""
    definition = get_definition(version)
    bands = [band.id for band in definition.bands]
    rows = [["item", "action", "scale", "lundy", "question", "respondents", "agree_pooled",
             *[f"agree_band_{b}" for b in bands]]]
    for result in agree_results(version, audience):
        band_text = next(iter(result.item.bands.values())).text
        rows.append([result.item.code, result.item.tags.get("action", ""), result.item.tags.get("scale", ""),
                     result.item.tags.get("lundy", ""), band_text.get(lang) or band_text.get("zh", ""),
                     result.base.display, result.pooled.display,
                     *[result.by_band[b].display if b in result.by_band else "" for b in bands]])
    return rows

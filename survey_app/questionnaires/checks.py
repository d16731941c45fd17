"""Rules that span items and bands, run after parsing."""

from __future__ import annotations

from . import expressions
from .item_types import optout_codes
from .problems import Problem
from .schema import BandItem, Instrument


def check_instrument(instrument: Instrument, source: str) -> list[Problem]:
    """Return every cross-item problem: references, caps, duplicates, band rules."""
    problems: list[Problem] = []

    def add(item: str | None, field: str, message: str) -> None:
        problems.append(Problem(source, item, field, message))

    band_ids = [band.id for band in instrument.bands]
    for duplicate in sorted({b for b in band_ids if band_ids.count(b) > 1}):
        add(None, "bands", f"duplicate band id {duplicate!r}")
    _check_band_ages(instrument, add)
    codes = [item.code for item in instrument.items]
    for duplicate in sorted({c for c in codes if codes.count(c) > 1}):
        add(duplicate, "code", "duplicate item code")
    for item in instrument.items:
        for band_id in item.bands:
            if band_id not in band_ids:
                add(item.code, f"bands.{band_id}", f"unknown band {band_id!r}")
        if item.harmonise == "agree_share" and item.type == "scale":
            for band_id, band_item in item.bands.items():
                if band_item.scale and not any(p.agree for p in band_item.scale.points):
                    add(item.code, f"bands.{band_id}.scale", "agree_share needs points marked agree: true")
    for band in instrument.bands:
        asked = instrument.items_for(band.id)
        _check_band(band.id, band.item_cap, band.max_points, band.free_text, asked, add)
        _check_rules(band.id, asked, add)
    return problems


def _check_band_ages(instrument: Instrument, add) -> None:
    ordered = sorted(instrument.bands, key=lambda b: b.min_age)
    for first, second in zip(ordered, ordered[1:], strict=False):
        if second.min_age <= first.max_age:
            add(None, "bands", f"bands {first.id} and {second.id} overlap in age")


def _check_band(band_id: str, cap: int, max_points: int, free_text: bool, asked: list[BandItem], add) -> None:
    counted = [bi for bi in asked if bi.stores_answer]
    if len(counted) > cap:
        add(None, f"bands.{band_id}.item_cap", f"band {band_id} has {len(counted)} items, over its cap of {cap}")
    if not asked:
        add(None, f"bands.{band_id}", f"band {band_id} has no items")
    for bi in asked:
        field = f"bands.{band_id}"
        if bi.scale and len(bi.scale.points) > max_points:
            add(bi.code, f"{field}.scale",
                f"{len(bi.scale.points)}-point scale in band {band_id}, which allows at most {max_points}")
        if bi.type == "text" and not free_text:
            add(bi.code, field, f"band {band_id} does not allow typed free text")
        if bi.type == "multiple" and bi.max_choices and bi.max_choices > len(bi.choices):
            add(bi.code, f"{field}.max", "max is larger than the number of choices")
        if bi.type == "rank" and (not bi.top or bi.top > len(bi.choices)):
            add(bi.code, f"{field}.top", "rank needs top N, at most the number of choices")
        if bi.type != "multiple" and any(c.exclusive for c in bi.choices):
            add(bi.code, f"{field}.choices", "exclusive choices only make sense in multiple choice")


def _check_rules(band_id: str, asked: list[BandItem], add) -> None:
    earlier: dict[str, BandItem] = {}
    for bi in asked:
        for name, tree in (("relevant", bi.relevant), ("constraint", bi.constraint)):
            if tree is None:
                continue
            field = f"bands.{band_id}.{name}"
            for code in sorted(expressions.references(tree)):
                if code not in earlier:
                    add(bi.code, field, f"refers to {code}, which is not an earlier item in band {band_id}")
            for code, choice in _selected_calls(tree) + _compared_codes(tree):
                target = earlier.get(code)
                if target and target.choices and not target.choice(choice) and choice not in optout_codes(target):
                    add(bi.code, field, f"{code} has no choice {choice!r}")
            if name == "relevant" and expressions.uses_self(tree):
                add(bi.code, field, "a relevance rule cannot use '.' (the item's own answer)")
        earlier[bi.code] = bi


def _compared_codes(tree: list) -> list[tuple[str, str]]:
    """(item, text) pairs from comparisons like ``R08 = 'yes'``, to catch mistyped choice codes."""
    found = []
    if tree[0] == "cmp" and tree[1] in ("=", "!="):
        sides = (tree[2], tree[3]), (tree[3], tree[2])
        found += [(ref[1], lit[1]) for ref, lit in sides
                  if ref[0] == "ref" and lit[0] == "lit" and isinstance(lit[1], str)]
    for part in tree[1:]:
        if isinstance(part, list):
            found.extend(_compared_codes(part))
    return found


def _selected_calls(tree: list) -> list[tuple[str, str]]:
    found = []
    if tree[0] == "call" and tree[1] == "selected":
        found.append((tree[2], tree[3]))
    for part in tree[1:]:
        if isinstance(part, list):
            found.extend(_selected_calls(part))
    return found

"""Merge one workbook per band into one multi-band definition (a YAML-ready mapping).

Items are matched by code. A setting every band gives alike is written once on the item; the rest
stay under each band, which is exactly how parsing reads them back.
"""

from __future__ import annotations

from typing import Any

from ..parsing import BAND_FIELDS
from ..problems import Problem
from ..vocabulary import TAGS
from .forms import BandForm, ImportDefaults, ItemForm

ITEM_FIELDS = ("type", "practice", "harmonise")


def merge_forms(forms: list[BandForm], defaults: ImportDefaults) -> tuple[dict[str, Any], list[Problem]]:
    problems: list[Problem] = []
    first = forms[0]
    for form in forms[1:]:
        for key in first.meta:
            if form.meta[key] != first.meta[key]:
                problems.append(Problem(form.source, None, f"settings.{key}", f"differs from {first.source}"))
    forms = sorted(forms, key=lambda f: f.band["ages"][0])  # bands in age order, whatever the file order
    seen: dict[str, str] = {}
    for form in forms:
        band = form.band["id"]
        if band in seen:
            problems.append(Problem(form.source, None, "settings.band", f"band {band!r} is also in {seen[band]}"))
        seen.setdefault(band, form.source)
    sections = _sections(forms, defaults, problems)
    data = {**first.meta, "bands": [form.band for form in forms],
            "scales": _lists(forms, "scales", problems), "choices": _lists(forms, "choices", problems),
            "sections": sections}
    return data, problems


def merge_orders(sequences: list[list[str]], positions: dict[str, Any]) -> list[str]:
    """One order keeping each sequence's own; ``position`` columns, when all present, settle the rest."""
    merged: list[str] = []
    for sequence in sequences:
        for index, key in enumerate(sequence):
            if key not in merged:
                after = next((k for k in sequence[index + 1:] if k in merged), None)
                merged.insert(merged.index(after) if after else len(merged), key)
    if all(isinstance(positions.get(key), int | float) for key in merged):
        merged.sort(key=lambda key: positions[key])
    return merged


def _sections(forms: list[BandForm], defaults: ImportDefaults, problems: list[Problem]) -> list[dict]:
    titles: dict[str, dict | None] = {}
    positions: dict[str, Any] = {}
    entries: dict[str, list[tuple[BandForm, ItemForm]]] = {}
    orders: dict[str, list[list[str]]] = {}
    home: dict[str, str] = {}
    for form in forms:
        for section in form.sections:
            if titles.setdefault(section.id, section.title) != section.title:
                problems.append(Problem(form.source, section.id, "label", "section title differs between bands"))
            positions.setdefault(section.id, section.position)
            orders.setdefault(section.id, []).append([item.code for item in section.items])
            for item in section.items:
                if home.setdefault(item.code, section.id) != section.id:
                    problems.append(Problem(form.source, item.code, "section",
                                            f"in group {section.id!r} here but {home[item.code]!r} in another band"))
                entries.setdefault(item.code, []).append((form, item))
                positions.setdefault(item.code, item.position)
    result = []
    for section_id in merge_orders([[s.id for s in form.sections] for form in forms], positions):
        codes = merge_orders(orders[section_id], positions)
        items = [_item(code, entries[code], defaults, problems) for code in codes if home[code] == section_id]
        result.append({"id": section_id, "title": titles[section_id] or forms[0].meta["title"], "items": items})
    return result


def _item(code: str, entries: list[tuple[BandForm, ItemForm]], defaults: ImportDefaults,
          problems: list[Problem]) -> dict[str, Any]:
    source, first = entries[0][0].source, entries[0][1]
    tags: dict[str, str] = {}
    for form, item in entries:
        for key in ITEM_FIELDS:
            if getattr(item, key) != getattr(first, key):
                problems.append(Problem(form.source, code, key, f"differs between bands ({source})"))
        for name, value in item.tags.items():
            if tags.setdefault(name, value) != value:
                problems.append(Problem(form.source, code, name, f"{name} tag differs between bands ({source})"))
    _default_tags(code, first, tags, defaults, source, problems)
    out: dict[str, Any] = {"code": code, "type": first.type}
    if first.practice:
        out["practice"] = True
    if first.harmonise:
        out["harmonise"] = first.harmonise
    if tags:
        out["tags"] = {name: tags[name] for name in TAGS if name in tags}
    per_band = {form.band["id"]: item.settings for form, item in entries}
    shared = {key: first.settings[key] for key in BAND_FIELDS
              if all(key in s and s[key] == first.settings[key] for s in per_band.values())}
    out.update(shared)
    out["bands"] = {band: {k: v for k, v in s.items() if k not in shared} for band, s in per_band.items()}
    return out


def _default_tags(code: str, item: ItemForm, tags: dict[str, str], defaults: ImportDefaults, source: str,
                  problems: list[Problem]) -> None:
    """Fill tags from the defaults; an answered item still missing one is a problem (tags are required)."""
    if item.type in ("note", "consent") or item.practice:
        return  # these need no tags, so none are made up for them
    for name, value in (defaults.tags or {}).items():
        tags.setdefault(name, value)
    for name, allowed in TAGS.items():
        if name not in tags:
            problems.append(Problem(source, code, name, f"missing {name} tag: fill a '{name}' column "
                                                        f"({', '.join(allowed)}) or give a default"))


def _lists(forms: list[BandForm], kind: str, problems: list[Problem]) -> dict[str, Any]:
    merged: dict[str, Any] = {}
    for form in forms:
        for name, content in getattr(form, kind).items():
            if merged.setdefault(name, content) != content:
                problems.append(Problem(form.source, name, kind, f"{name!r} differs from {forms[0].source}"))
    return merged

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

ITEM_FIELDS = ("type", "practice", "harmonise", "role")


SETTING_COLUMNS = {"id": "form_id", "version": "version", "title": "form_title", "introduction": "introduction",
                   "default_optouts": "default_optouts"}


def merge_forms(forms: list[BandForm], defaults: ImportDefaults) -> tuple[dict[str, Any], list[Problem]]:
    problems: list[Problem] = []
    first = forms[0]
    for form in forms[1:]:
        for key in first.meta:
            if form.meta[key] != first.meta[key]:
                problems.append(_at(form, "settings", SETTING_COLUMNS.get(key, key),
                                    f"{key} {form.meta[key]!r} differs from {first.meta[key]!r} in {first.source}; "
                                    "the workbooks of one instrument must agree"))
    forms = sorted(forms, key=lambda f: f.band["ages"][0])  # bands in age order, whatever the file order
    seen: dict[str, str] = {}
    for form in forms:
        band = form.band["id"]
        if band in seen:
            said = {"settings": "its settings sheet says", "option": "given for this import:",
                    "default": "neither names a band, so both are"}[form.band_origin]
            problems.append(_at(form, "settings", "band", f"band {band!r} is also {seen[band]} ({said} band "
                                                          f"{band!r}); give each workbook its own band in a "
                                                          "settings 'band' column"))
        seen.setdefault(band, f"in {form.source}")
    sections = _sections(forms, defaults, problems)
    problems = _collapse_missing_tags(forms, problems)
    data = {**first.meta, "bands": [form.band for form in forms],
            "scales": _lists(forms, "scales", problems), "choices": _lists(forms, "choices", problems),
            "sections": sections}
    _prune(data)
    return data, problems


def _collapse_missing_tags(forms: list[BandForm], problems: list[Problem]) -> list[Problem]:
    """When no question of a workbook has a tag, say so once rather than on every row."""
    result = list(problems)
    for form in forms:
        answered = [i.code for s in form.sections for i in s.items if i.type not in ("note", "consent")
                    and not i.practice]
        for name in TAGS:
            missing = [p for p in problems if p.file == form.source and p.field == name
                       and p.message.startswith(f"missing {name} tag")]
            if len(missing) > 1 and len(missing) == len(answered):
                result = [p for p in result if p not in missing]
                sheet = missing[0].sheet
                result.append(Problem(form.source, None, name, f"no question has {ARTICLES[name]} tag: add "
                                      f"{TAG_HINTS[name]} column with one of {', '.join(TAGS[name])} to the survey "
                                      "sheet (or to the settings sheet, for every question), or give one for "
                                      f"the whole import (--{name}, or the upload page's options)", sheet, None))
    return result


def _at(form: BandForm, key: str, column: str, message: str, item: str | None = None) -> Problem:
    """A problem at a place in a workbook (``places`` keys: "settings", "item:CODE", "section:ID")."""
    sheet, row, _ = form.places.get(key, (None, None, {}))
    return Problem(form.source, item, column, message, sheet, row)


def _prune(data: dict[str, Any]) -> None:
    """Drop scales and choice lists no item uses (left by lists a question copied to change them)."""
    used = {(kind, value) for section in data["sections"] for item in section["items"]
            for settings in (item, *item["bands"].values())
            for kind, key in (("scales", "scale"), ("choices", "choices")) if (value := settings.get(key))}
    for kind in ("scales", "choices"):
        data[kind] = {name: content for name, content in data[kind].items() if (kind, name) in used}


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
                problems.append(_at(form, f"section:{section.id}", "label", "the group's label differs between "
                                                                           "the bands' workbooks; make them agree"))
            positions.setdefault(section.id, section.position)
            orders.setdefault(section.id, []).append([item.code for item in section.items])
            for item in section.items:
                if home.setdefault(item.code, section.id) != section.id:
                    problems.append(_at(form, f"item:{item.code}", "name", f"in group {section.id!r} here but "
                                        f"{home[item.code]!r} in another band's workbook; move it", item.code))
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
                column = "item_type" if key == "type" else key
                problems.append(_at(form, f"item:{code}", column, f"{key} differs from {source}; the bands' "
                                                                  "workbooks must agree", code))
        for name, value in item.tags.items():
            if tags.setdefault(name, value) != value:
                problems.append(_at(form, f"item:{code}", name, f"{name} tag {value!r} differs from {tags[name]!r} "
                                                                f"in {source}; make them agree", code))
    _default_tags(code, entries[0][0], first, tags, defaults, problems)
    out: dict[str, Any] = {"code": code, "type": first.type}
    if first.practice:
        out["practice"] = True
    if first.role:
        out["role"] = first.role
    if first.harmonise:
        out["harmonise"] = first.harmonise
    if first.role:  # a breakdown, not an indicator: tags inherited from a group or the settings do not apply
        tags = {name: value for name, value in tags.items() if name not in ("action", "scale")}
    if tags:
        out["tags"] = {name: tags[name] for name in TAGS if name in tags}
    per_band = {form.band["id"]: item.settings for form, item in entries}
    shared = {key: first.settings[key] for key in BAND_FIELDS
              if all(key in s and s[key] == first.settings[key] for s in per_band.values())}
    out.update(shared)
    out["bands"] = {band: {k: v for k, v in s.items() if k not in shared} for band, s in per_band.items()}
    return out


TAG_HINTS = {"action": "an action (or action_area)", "scale": "a scale (or spatial_scale)",
             "lundy": "a lundy (or lundy_element)"}
ARTICLES = {"action": "an action", "scale": "a scale", "lundy": "a lundy"}


def _default_tags(code: str, form: BandForm, item: ItemForm, tags: dict[str, str], defaults: ImportDefaults,
                  problems: list[Problem]) -> None:
    """Fill tags from the defaults; an answered item still missing one is a problem (tags are required)."""
    if item.type in ("note", "consent") or item.practice or item.role:
        return  # these need no tags (a background item describes the child), so none are made up for them
    for name, value in (defaults.tags or {}).items():
        tags.setdefault(name, value)
    for name, allowed in TAGS.items():
        if name not in tags:
            problems.append(_at(form, f"item:{code}", name, f"missing {name} tag: fill {TAG_HINTS[name]} column "
                                                            f"with one of {', '.join(allowed)} (on the row, its "
                                                            "group or the settings sheet), or give one for the "
                                                            f"whole import (--{name}, or the upload page's options)",
                                code))


def _lists(forms: list[BandForm], kind: str, problems: list[Problem]) -> dict[str, Any]:
    merged: dict[str, Any] = {}
    for form in forms:
        for name, content in getattr(form, kind).items():
            if merged.setdefault(name, content) != content:
                problems.append(_at(form, f"list:{name}", "list_name", f"list {name!r} differs from the one of that "
                                                                       "name in another band's workbook; make them "
                                                                       "agree or rename one"))
    return merged

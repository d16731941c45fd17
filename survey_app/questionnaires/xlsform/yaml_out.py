"""Write an imported definition as YAML a person edits: our key order, no anchors, and comments.

Comments go at the top (where the definition came from, what was dropped from the whole form) and
above each item whose row lost something (``# appearance 'minimal' dropped ...``), so the next
person to edit the file sees what the workbook said that the definition does not.
"""

from __future__ import annotations

import json
import re
from typing import Any

import yaml

TOP_KEYS = ("id", "version", "title", "introduction", "default_optouts", "bands", "scales", "choices", "sections")
BAND_KEYS = ("id", "ages", "label", "item_cap", "max_points", "free_text", "assent")
ITEM_KEYS = ("code", "type", "practice", "role", "harmonise", "tags", "text", "help", "read_aloud", "scale", "choices",
             "min", "max", "top", "max_length", "integer", "level", "optouts", "relevant", "constraint",
             "constraint_message", "bands")
SETTING_KEYS = ITEM_KEYS[6:-1]  # from "text": what a band may set for itself
CHOICE_KEYS = ("code", "label", "face", "picture", "image", "agree", "score", "exclusive")
TEXT_KEYS = ("zh", "en")
TAG_KEYS = ("action", "scale", "lundy")


def ordered(data: dict[str, Any]) -> dict[str, Any]:
    """The definition with every mapping's keys in the order questionnaires/README.md documents."""
    return {
        **_keys(data, TOP_KEYS),
        "bands": [_texts(_keys(band, BAND_KEYS)) for band in data.get("bands", [])],
        "scales": {name: {**_keys(scale, ("kind", "key")), "points": [_choice(p) for p in scale.get("points", [])]}
                   for name, scale in data.get("scales", {}).items()},
        "choices": {name: [_choice(c) for c in choices] for name, choices in data.get("choices", {}).items()},
        "sections": [{"id": s["id"], "title": _text(s["title"]), "items": [_item(i) for i in s.get("items", [])]}
                     for s in data.get("sections", [])],
    }


def _keys(mapping: dict[str, Any], order: tuple[str, ...]) -> dict[str, Any]:
    known = {key: mapping[key] for key in order if key in mapping}
    return {**known, **{key: value for key, value in mapping.items() if key not in known}}


def _text(value: Any) -> Any:
    return _keys(value, TEXT_KEYS) if isinstance(value, dict) else value


def _texts(mapping: dict[str, Any]) -> dict[str, Any]:
    return {key: _text(value) if key in ("label", "assent", "title", "introduction", "text", "help", "read_aloud",
                                         "constraint_message") else value for key, value in mapping.items()}


def _choice(choice: dict[str, Any]) -> dict[str, Any]:
    return _texts(_keys(choice, CHOICE_KEYS))


def _item(item: dict[str, Any]) -> dict[str, Any]:
    out = _texts(_keys(item, ITEM_KEYS))
    if "tags" in out:
        out["tags"] = _keys(out["tags"], TAG_KEYS)
    if "bands" in out:
        out["bands"] = {band: _texts(_keys(settings, SETTING_KEYS)) for band, settings in out.pop("bands").items()}
    return out


class _Dumper(yaml.SafeDumper):
    """Short, shallow mappings and lists of words on one line, as people write definitions by hand."""

    def ignore_aliases(self, data: Any) -> bool:
        return True  # a repeated text is written out again, never as &id001 / *id001


def _depth(value: Any) -> int:
    if isinstance(value, dict):
        return 1 + max((_depth(v) for v in value.values()), default=0)
    if isinstance(value, list):
        return 1 + max((_depth(v) for v in value), default=0)
    return 0


def _mapping(dumper: yaml.SafeDumper, data: dict) -> Any:
    short = _depth(data) <= 2 and not any(isinstance(v, list) for v in data.values()) and len(
        json.dumps(data, ensure_ascii=False)) <= 100
    return dumper.represent_mapping("tag:yaml.org,2002:map", data, flow_style=short)


def _sequence(dumper: yaml.SafeDumper, data: list) -> Any:
    flat = all(isinstance(v, str | int | float) for v in data)
    return dumper.represent_sequence("tag:yaml.org,2002:seq", data, flow_style=flat)


_Dumper.add_representer(dict, _mapping)
_Dumper.add_representer(list, _sequence)


def to_yaml(data: dict[str, Any], notes: dict[str | None, list[str]] | None = None,
            header: list[str] | None = None) -> str:
    """Readable YAML for a definition, with ``notes`` as comments above their items (None: at the top)."""
    text = yaml.dump(ordered(data), Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=120)
    notes = notes or {}
    top = [*(header or []), *notes.get(None, [])]
    lines = []
    for line in text.splitlines():
        match = re.match(r"^(\s*)- code: (\S+)$", line)
        if match and notes.get(match.group(2)):
            lines += [f"{match.group(1)}# {_comment(note)}" for note in notes[match.group(2)]]
        lines.append(line)
    return "".join(f"# {_comment(note)}\n" for note in top) + "\n".join(lines) + "\n"


def _comment(text: str) -> str:
    return " ".join(str(text).split())[:300]

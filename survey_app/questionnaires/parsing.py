"""Turn a definition (parsed YAML/JSON) into an Instrument, collecting every problem on the way."""

from __future__ import annotations

import re
from typing import Any

from . import expressions
from .problems import Problem
from .schema import Band, BandItem, Choice, Instrument, Item, LocalText, Scale, Section
from .vocabulary import (
    CHOICE_CODE_PATTERN,
    CODE_PATTERN,
    FACES,
    HARMONISE,
    ITEM_ROLES,
    ITEM_TYPES,
    LANGUAGES,
    OPTOUTS,
    PLACE_LEVELS,
    SCALE_KEYS,
    SCALE_KINDS,
    TAGS,
)

IMAGE_PATTERN = r"^[^/\\.\x00-\x1f][^/\\\x00-\x1f]{0,115}\.(?i:png|jpe?g|gif|webp)$"
#: Largest version number (what the database column holds); ODK's date style 2026112801 fits.
MAX_VERSION = 2_147_483_647
#: Per-band settings an item may give once for all bands or override per band.
BAND_FIELDS = ("text", "help", "read_aloud", "scale", "choices", "max", "top", "max_length", "min",
               "integer", "level", "relevant", "constraint", "constraint_message", "optouts")


class Reader:
    """Reads one definition; every problem is recorded instead of raised."""

    def __init__(self, source: str):
        self.source = source
        self.problems: list[Problem] = []
        self.item: str | None = None

    def problem(self, field: str, message: str) -> None:
        self.problems.append(Problem(self.source, self.item, field, message))

    def text(self, value: Any, field: str, required: bool = True) -> LocalText:
        if value is None:
            if required:
                self.problem(field, "missing text (needs zh and en)")
            return {}
        if isinstance(value, str):
            self.problem(field, "needs both languages as {zh: ..., en: ...}")
            return {"zh": value}
        if not isinstance(value, dict):
            self.problem(field, "must be a mapping {zh: ..., en: ...}")
            return {}
        for lang in LANGUAGES:
            if isinstance(value.get(lang), bool):
                self.problem(f"{field}.{lang}", "put the text in quotes (YAML reads Yes/No/On/Off as true/false)")
            elif not isinstance(value.get(lang), str) or not value.get(lang).strip():
                self.problem(f"{field}.{lang}", "missing English" if lang == "en" else "missing Chinese")
        unknown = set(value) - set(LANGUAGES)
        if unknown:
            self.problem(field, f"unknown language(s) {sorted(unknown)}")
        return {lang: str(value[lang]).strip() for lang in LANGUAGES if isinstance(value.get(lang), str)}

    def integer(self, value: Any, field: str, low: int, high: int, default: int | None = None) -> int | None:
        if value is None:
            if default is None:
                self.problem(field, "missing number")
            return default
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            self.problem(field, f"must be a whole number from {low} to {high}")
            return default
        return value

    def word(self, value: Any, field: str, allowed: tuple[str, ...] | dict, default: str | None = None) -> str | None:
        if value is None:
            return default
        if value not in allowed:
            self.problem(field, f"unknown value {value!r}; use one of {', '.join(allowed)}")
            return default
        return value

    def expression(self, value: Any, field: str) -> list | None:
        if value in (None, ""):
            return None
        try:
            return expressions.parse(str(value))
        except expressions.ExpressionError as error:
            self.problem(field, f"cannot read rule {value!r}: {error}")
            return None


def read_choice(reader: Reader, data: Any, field: str, *, scale: bool = False) -> Choice | None:
    if not isinstance(data, dict):
        reader.problem(field, "must be a mapping with code and label")
        return None
    code = str(data.get("code", ""))
    if not re.match(CHOICE_CODE_PATTERN, code):
        reader.problem(f"{field}.code", f"choice code {code!r} must be lower-case letters, digits or _")
    score = data.get("score")
    if score is not None and (isinstance(score, bool) or not isinstance(score, int | float) or not 0 <= score <= 1):
        reader.problem(f"{field}.score", "must be a number from 0 to 1")
        score = None
    return Choice(
        code=code,
        label=reader.text(data.get("label"), f"{field}.label"),
        face=reader.word(data.get("face"), f"{field}.face", FACES),
        picture=str(data["picture"]) if data.get("picture") else None,
        image=_image(reader, data.get("image"), f"{field}.image"),
        exclusive=bool(data.get("exclusive", False)),
        agree=bool(data.get("agree", False)),
        score=float(score) if score is not None else None,
    )


def _image(reader: Reader, value: Any, field: str) -> str | None:
    """A media file name beside the definition (``park.png``): no folders, a picture's extension."""
    if value in (None, ""):
        return None
    if not isinstance(value, str) or not re.fullmatch(IMAGE_PATTERN, value):
        reader.problem(field, f"image {value!r} must be a file name in the instrument's media/ folder, "
                              "e.g. park.png (png, jpg, jpeg, gif or webp)")
        return None
    return value


def read_choices(reader: Reader, data: Any, field: str) -> tuple[Choice, ...]:
    if not isinstance(data, list) or not data:
        reader.problem(field, "must be a non-empty list of choices")
        return ()
    choices = [c for i, d in enumerate(data) if (c := read_choice(reader, d, f"{field}[{i}]"))]
    codes = [c.code for c in choices]
    duplicates = sorted({c for c in codes if codes.count(c) > 1})
    if duplicates:
        reader.problem(field, f"duplicate choice code(s) {duplicates}")
    return tuple(choices)


def read_scale(reader: Reader, name: str, data: Any) -> Scale | None:
    field = f"scales.{name}"
    if not isinstance(data, dict):
        reader.problem(field, "must be a mapping")
        return None
    points = read_choices(reader, data.get("points"), f"{field}.points")
    if points and not 2 <= len(points) <= 5:
        reader.problem(f"{field}.points", f"a scale needs 2 to 5 labelled points, not {len(points)}")
    key = reader.word(data.get("key", "none"), f"{field}.key", SCALE_KEYS, "none")
    if key == "faces" and any(not p.face for p in points):
        reader.problem(f"{field}.points", "a face scale needs a face on every point")
    return Scale(name, reader.word(data.get("kind"), f"{field}.kind", SCALE_KINDS, "agreement"), key, points)


def read_band(reader: Reader, data: Any, index: int) -> Band | None:
    field = f"bands[{index}]"
    if not isinstance(data, dict):
        reader.problem(field, "must be a mapping")
        return None
    ages = data.get("ages")
    if not (isinstance(ages, list) and len(ages) == 2 and all(isinstance(a, int) for a in ages) and ages[0] <= ages[1]):
        reader.problem(f"{field}.ages", "must be [youngest, oldest] in whole years")
        ages = [0, 0]
    return Band(
        id=str(data.get("id", "")),
        min_age=ages[0],
        max_age=ages[1],
        label=reader.text(data.get("label"), f"{field}.label"),
        item_cap=reader.integer(data.get("item_cap"), f"{field}.item_cap", 1, 200, 0),
        assent=reader.text(data.get("assent"), f"{field}.assent"),
        free_text=bool(data.get("free_text", True)),
        max_points=reader.integer(data.get("max_points"), f"{field}.max_points", 2, 5, 5),
    )


def band_settings(item: dict, band_data: Any) -> dict:
    """Item-level settings overridden by the band's own."""
    merged = {key: item[key] for key in BAND_FIELDS if key in item}
    if isinstance(band_data, dict):
        merged.update(band_data)
    return merged



#: Item types where "I don't want to answer" is offered unless the item lists its own opt-outs: a
#: child may refuse any question, and a refusal is worth telling apart from a skip in the results.
REFUSABLE = ("multiple", "rank", "text", "place", "number")


def _default_optouts(instrument: dict[str, Any], item_type: str) -> list[str]:
    if item_type in ("scale", "single"):
        return instrument["default_optouts"]
    return ["prefer_not"] if item_type in REFUSABLE else []

def read_band_item(reader: Reader, ctx: dict, band_id: str, settings: dict, field: str,
                   instrument: dict[str, Any]) -> BandItem:
    item_type = ctx["type"]
    scale = choices = None
    if item_type == "scale":
        scale = instrument["scales"].get(settings.get("scale"))
        if scale is None:
            reader.problem(f"{field}.scale", f"unknown scale {settings.get('scale')!r}")
        choices = scale.points if scale else ()
    elif item_type in ("single", "multiple", "rank", "consent"):
        name = settings.get("choices")
        choices = instrument["choice_lists"].get(name) if isinstance(name, str) else None
        if choices is None:
            reader.problem(f"{field}.choices", f"unknown choice list {name!r}")
            choices = ()
    optouts = settings.get("optouts", _default_optouts(instrument, item_type))
    if not isinstance(optouts, list) or any(o not in OPTOUTS for o in optouts):
        reader.problem(f"{field}.optouts", f"use a list of {', '.join(OPTOUTS)}")
        optouts = []
    text = reader.text(settings.get("text"), f"{field}.text")
    minimum = maximum = None
    if item_type == "number":
        minimum, maximum = _number(reader, settings.get("min"), f"{field}.min"), _number(
            reader, settings.get("max"), f"{field}.max")
    return BandItem(
        code=ctx["code"], type=item_type, band=band_id, section=ctx["section"], text=text,
        help=reader.text(settings.get("help"), f"{field}.help", required=False),
        read_aloud=reader.text(settings.get("read_aloud"), f"{field}.read_aloud", required=False) or text,
        choices=tuple(choices or ()), scale=scale, optouts=tuple(optouts),
        max_choices=_positive(reader, settings.get("max"), f"{field}.max") if item_type == "multiple" else None,
        top=_positive(reader, settings.get("top"), f"{field}.top") if item_type == "rank" else None,
        max_length=_positive(reader, settings.get("max_length", 200), f"{field}.max_length")
        if item_type == "text" else None,
        minimum=minimum, maximum=maximum, integer=bool(settings.get("integer", True)),
        level=reader.word(settings.get("level", "street"), f"{field}.level", PLACE_LEVELS)
        if item_type == "place" else None,
        relevant=reader.expression(settings.get("relevant"), f"{field}.relevant"),
        relevant_text=settings.get("relevant"),
        constraint=reader.expression(settings.get("constraint"), f"{field}.constraint"),
        constraint_text=settings.get("constraint"),
        constraint_message=reader.text(settings.get("constraint_message"), f"{field}.constraint_message",
                                       required=False),
        practice=ctx["practice"], gate=item_type == "consent", tags=ctx["tags"],
    )


def _number(reader: Reader, value: Any, field: str) -> float | None:
    if value is not None and (isinstance(value, bool) or not isinstance(value, int | float)):
        reader.problem(field, "must be a number")
        return None
    return value


def _positive(reader: Reader, value: Any, field: str) -> int | None:
    return reader.integer(value, field, 1, 10_000)


def read_item(reader: Reader, data: Any, section: str, index: int, instrument: dict[str, Any]) -> Item | None:
    if not isinstance(data, dict):
        reader.problem(f"sections.{section}.items[{index}]", "must be a mapping")
        return None
    code = str(data.get("code", ""))
    reader.item = code or f"#{index + 1} in {section}"
    if not re.match(CODE_PATTERN, code):
        reader.problem("code", f"item code {code!r} must be upper-case letters, digits or _, 2-20 long")
    item_type = reader.word(data.get("type"), "type", ITEM_TYPES, "note")
    if "type" not in data:
        reader.problem("type", "missing item type")
    practice = bool(data.get("practice", False))
    role = reader.word(data.get("role"), "role", ITEM_ROLES) or "indicator"
    tags = read_tags(reader, data.get("tags"),
                     needed=item_type not in ("note", "consent") and not practice and role == "indicator")
    if role != "indicator" and {"action", "scale"} & set(tags):
        reader.problem("tags", f"a {role.replace('_', '-')} item describes the child and carries no action or "
                               "scale tag: it is a breakdown, not an indicator")
    harmonise = reader.word(data.get("harmonise"), "harmonise", HARMONISE)
    bands = data.get("bands")
    if not isinstance(bands, dict) or not bands:
        reader.problem("bands", "list the bands that answer this item (a band may leave it out)")
        bands = {}
    ctx = {"code": code, "type": item_type, "section": section, "practice": practice, "tags": tags}
    band_items = {
        str(band_id): read_band_item(reader, ctx, str(band_id), band_settings(data, band_data), f"bands.{band_id}",
                                     instrument)
        for band_id, band_data in bands.items()
    }
    unknown = sorted(set(data) - {"code", "type", "practice", "role", "tags", "harmonise", "bands", *BAND_FIELDS})
    if unknown:
        reader.problem("item", f"unknown field(s) {unknown}")
    reader.item = None
    return Item(code, item_type, section, tags, harmonise, practice, band_items, role)


def read_tags(reader: Reader, data: Any, needed: bool) -> dict[str, str]:
    if data is None:
        if needed:
            reader.problem("tags", "needs action, scale and lundy tags")
        return {}
    if not isinstance(data, dict):
        reader.problem("tags", "must be a mapping")
        return {}
    tags = {}
    for name, allowed in TAGS.items():
        value = data.get(name)
        if value is None and needed:
            reader.problem(f"tags.{name}", f"missing {name} tag")
        elif value is not None and value not in allowed:
            reader.problem(f"tags.{name}", f"unknown tag {value!r}; use one of {', '.join(allowed)}")
        else:
            tags[name] = value
    for name in set(data) - set(TAGS):
        reader.problem(f"tags.{name}", "unknown tag")
    return {k: v for k, v in tags.items() if v}


def read_instrument(data: Any, source: str) -> tuple[Instrument | None, list[Problem]]:
    """Build an Instrument from a definition mapping; return it with every problem found."""
    reader = Reader(source)
    if not isinstance(data, dict):
        reader.problem("file", "must hold a mapping (id, version, title, bands, sections, ...)")
        return None, reader.problems
    instrument_id = str(data.get("id", ""))
    if not re.match(r"^[a-z0-9][a-z0-9-]{1,63}$", instrument_id):
        reader.problem("id", "must be lower-case letters, digits and hyphens")
    version = reader.integer(data.get("version"), "version", 1, MAX_VERSION, 0)
    scales = {str(n): s for n, d in (data.get("scales") or {}).items() if (s := read_scale(reader, str(n), d))}
    choice_lists = {str(n): read_choices(reader, d, f"choices.{n}") for n, d in (data.get("choices") or {}).items()}
    context = {"scales": scales, "choice_lists": choice_lists,
               "default_optouts": data.get("default_optouts", ["dont_know", "prefer_not"])}
    bands = tuple(b for i, d in enumerate(data.get("bands") or []) if (b := read_band(reader, d, i)))
    if not bands:
        reader.problem("bands", "needs at least one age band")
    sections = []
    for s_index, section in enumerate(data.get("sections") or []):
        if not isinstance(section, dict):
            reader.problem(f"sections[{s_index}]", "must be a mapping")
            continue
        section_id = str(section.get("id", f"section{s_index + 1}"))
        items = tuple(it for i, d in enumerate(section.get("items") or [])
                      if (it := read_item(reader, d, section_id, i, context)))
        sections.append(Section(section_id, reader.text(section.get("title"), f"sections.{section_id}.title"), items))
    instrument = Instrument(
        id=instrument_id, version=version or 0, title=reader.text(data.get("title"), "title"),
        introduction=reader.text(data.get("introduction"), "introduction"), bands=bands, sections=tuple(sections),
        scales=scales, choice_lists=choice_lists, raw=data,
    )
    return instrument, reader.problems

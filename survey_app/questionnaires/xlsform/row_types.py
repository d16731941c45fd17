"""What each XLSForm ``type`` becomes here: a question, structure, a row we drop, or a row we refuse.

The decisions (and the reasons a person reads) are listed in README.md; they follow one rule:
children answer anonymously on a shared tablet, so nothing that records who, where or when is
imported, and nothing is dropped without a warning.
"""

from __future__ import annotations

import re

from .headers import clean_word

#: Type spellings pyxform accepts -> one word (pyxform ``aliases`` and ``question_type_dictionary``).
TYPE_ALIASES = {
    "select one": "select_one", "select1": "select_one", "select one from": "select_one",
    "select all that apply": "select_multiple", "select multiple": "select_multiple",
    "select all that apply from": "select_multiple", "select_one_from_file": "select_one_from_file",
    "select one from file": "select_one_from_file", "select_multiple_from_file": "select_multiple_from_file",
    "select multiple from file": "select_multiple_from_file", "select one external": "select_one_external",
    "begin group": "begin_group", "end group": "end_group", "begin repeat": "begin_repeat",
    "end repeat": "end_repeat", "begin lgroup": "begin_repeat", "end lgroup": "end_repeat",
    "begin looped group": "begin_repeat", "end looped group": "end_repeat", "begin loop": "begin_repeat",
    "end loop": "end_repeat", "begin_loop": "begin_repeat", "end_loop": "end_repeat", "int": "integer",
    "string": "text", "trigger": "acknowledge", "date time": "datetime", "datetime": "datetime",
    "start time": "start", "end time": "end", "device id": "deviceid", "imei": "deviceid", "sim id": "simserial",
    "phone number": "phonenumber", "subscriber id": "subscriberid", "gps": "geopoint", "location": "geopoint",
    "photo": "image", "picture": "image", "q picture": "image",
}
#: Rows that ask the child nothing and store who, when or on what device: dropped with one warning.
META_TYPES = ("start", "end", "today", "deviceid", "subscriberid", "simserial", "phonenumber", "username",
              "email", "audit", "start-geopoint", "background-geopoint", "uri:deviceid", "uri:email",
              "uri:phonenumber", "uri:simserial", "uri:subscriberid", "uri:username")
#: Rows that declare data files or hidden values; dropped with a warning.
DROPPED_TYPES = {"hidden": "a hidden field stores a fixed value no child answers",
                 "csv-external": "it declares a data file for pulldata(), which this app does not run",
                 "xml-external": "it declares a data file, which this app does not use"}
_PERSONAL = ("children's answers here are anonymous: this app never records a child's {what}; remove the row "
             "(for a neighbourhood, ask a text question with a 'level' column, which becomes a place question)")
#: Question types refused, with what to do instead.
REFUSED_TYPES = {
    **dict.fromkeys(("geopoint", "geotrace", "geoshape", "osm"), _PERSONAL.format(what="location")),
    **dict.fromkeys(("image", "audio", "video", "file", "background-audio", "background-video"),
                    _PERSONAL.format(what="photos, voice, video or files")),
    "barcode": _PERSONAL.format(what="barcodes or ID cards"),
    **dict.fromkeys(("date", "time", "datetime"), "a date or time can identify a child and this app stores "
                                                  "none; ask an age or a number of days as an integer instead"),
}
STRUCTURE = ("begin_group", "end_group", "begin_repeat", "end_repeat")
QUESTION_TYPES = ("select_one", "select_multiple", "rank", "select_one_from_file", "select_multiple_from_file",
                  "select_one_external", "text", "integer", "decimal", "range", "note", "acknowledge")


def split_type(text: str | None) -> tuple[str | None, str | None, bool]:
    """``select one visit or_other`` -> ("select_one", "visit", True): (type word, list or file, or_other)."""
    words = clean_word(text).split()
    if not words:
        return None, None, False
    lowered = [word.lower() for word in words]
    for size in (5, 4, 3, 2):
        joined = " ".join(lowered[:size])
        if joined in TYPE_ALIASES:
            words, lowered = [TYPE_ALIASES[joined], *words[size:]], [TYPE_ALIASES[joined], *lowered[size:]]
            break
    word = TYPE_ALIASES.get(lowered[0], lowered[0])
    rest, or_other = words[1:], False
    tail = [w.lower() for w in rest]
    for suffix in (["or", "specify", "other"], ["or", "other"], ["or_other"]):
        if len(tail) > len(suffix) and tail[-len(suffix):] == suffix:
            rest, or_other = rest[:-len(suffix)], True
            break
    if word in ("begin_group", "begin_repeat") and rest and rest[0].lower() == "over":
        rest = rest[1:]  # "begin loop over list"
    return word, (" ".join(rest) or None), or_other


def file_kind(name: str) -> str:
    return re.sub(r".*\.", "", name.lower()) if "." in name else ""

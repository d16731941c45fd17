"""The face and picture sprites, inlined into the child's page so icons never need the network."""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from markupsafe import Markup

SPRITES = ("faces.svg", "pictures.svg")
_INNER = re.compile(r"<svg[^>]*>(.*)</svg>", re.S)
_COMMENT = re.compile(r"<!--.*?-->", re.S)


@lru_cache(maxsize=4)
def inline_sprites(static_folder: str) -> Markup:
    """The <symbol> elements of both sprites, comments removed (our own files, so trusted markup)."""
    inner = []
    for name in SPRITES:
        text = (Path(static_folder) / "img" / name).read_text(encoding="utf-8")
        inner.append(_COMMENT.sub("", _INNER.search(text)[1]).strip())
    return Markup("\n".join(inner))

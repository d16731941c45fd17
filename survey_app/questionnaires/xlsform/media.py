"""A form's media files (choice images, the CSV lists of ``select_one_from_file``) and our built-in art.

Media come from a folder (the command line's ``--media``, ODK's ``<form>-media``) or from uploaded
files. Every name is checked as a plain file name, and sizes are capped, before anything is read.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from collections.abc import Mapping
from functools import lru_cache
from pathlib import Path

MAX_FILE_BYTES = 2 * 1024 * 1024
MAX_TOTAL_BYTES = 20 * 1024 * 1024
MAX_FILES = 200
MAX_CSV_ROWS = 5000
IMAGE_TYPES = ("png", "jpg", "jpeg", "gif", "webp")
MEDIA_TYPES = (*IMAGE_TYPES, "csv")
PICTURES_SVG = Path(__file__).resolve().parents[2] / "static" / "img" / "pictures.svg"

#: Words in an image's file name that say which face it is (``very_happy.png``, ``smiley-sad.jpg``).
FACE_WORDS = (("very_happy", ("very_happy", "veryhappy", "laugh", "grin", "excellent", "love")),
              ("very_sad", ("very_sad", "verysad", "angry", "cry", "terrible", "awful")),
              ("sad", ("sad", "unhappy", "frown", "bad")),
              ("happy", ("happy", "smile", "smiley", "good")),
              ("neutral", ("neutral", "meh", "ok", "okay", "middle", "so_so", "soso")),
              ("thinking", ("thinking", "unsure", "dont_know", "question")))


class MediaError(ValueError):
    """A media file cannot be used; the message says why."""


def safe_name(name: str) -> str:
    """A media file's name, or MediaError: no folders, no hidden files, a known extension."""
    cleaned = unicodedata.normalize("NFC", str(name)).strip()
    base = cleaned.replace("\\", "/").rsplit("/", 1)[-1]
    if not base or base != cleaned or base.startswith(".") or len(base) > 120 or any(ord(c) < 32 for c in base):
        raise MediaError(f"{str(name)[:60]!r} is not a plain file name")
    if base.rsplit(".", 1)[-1].lower() not in MEDIA_TYPES or "." not in base:
        raise MediaError(f"{base!r}: media must be pictures ({', '.join(IMAGE_TYPES)}) or CSV lists")
    return base


class MediaFiles:
    """Media files by name (from a folder or an upload), read on demand with size limits."""

    def __init__(self, files: Mapping[str, bytes] | None = None, folder: Path | None = None):
        self.files = dict(files or {})
        self.folder = folder
        self.used: dict[str, bytes] = {}

    @property
    def given(self) -> bool:
        return bool(self.files) or self.folder is not None

    def get(self, name: str) -> bytes | None:
        """The file's bytes (remembered as used, so it is copied with the definition), or None."""
        name = safe_name(name)
        if name in self.used:
            return self.used[name]
        content = self.files.get(name)
        if content is None and self.folder is not None:
            path = self.folder / name
            if path.is_file():
                if path.stat().st_size > MAX_FILE_BYTES:
                    raise MediaError(f"{name} is larger than {MAX_FILE_BYTES // (1024 * 1024)} MB")
                content = path.read_bytes()
        if content is not None:
            if len(content) > MAX_FILE_BYTES:
                raise MediaError(f"{name} is larger than {MAX_FILE_BYTES // (1024 * 1024)} MB")
            if sum(map(len, self.used.values())) + len(content) > MAX_TOTAL_BYTES or len(self.used) >= MAX_FILES:
                raise MediaError(f"{name}: the media files are over {MAX_TOTAL_BYTES // (1024 * 1024)} MB or "
                                 f"{MAX_FILES} files in all")
            self.used[name] = content
        return content


def builtin_picture(image: str) -> str | None:
    """The built-in picture for an image file name: the one it names (``playground.png``), else the generic."""
    stem = re.sub(r"[^a-z0-9_]+", "_", image.rsplit(".", 1)[0].lower()).strip("_")
    return stem if stem in builtin_pictures() else "picture"


@lru_cache(maxsize=1)
def builtin_pictures() -> tuple[str, ...]:
    """The ids of the pictures the tablet has (our own sprite file)."""
    return tuple(re.findall(r'<symbol id="([^"]+)"', PICTURES_SVG.read_text(encoding="utf-8")))


def face_in_name(image: str | None) -> str | None:
    """The face an image's file name names (``very-happy.png`` -> ``very_happy``), else None."""
    if not image:
        return None
    joined = re.sub(r"[^a-z0-9]+", "_", image.rsplit(".", 1)[0].lower()).strip("_")
    words = set(joined.split("_"))
    tests = (lambda name: "_" in name and name in joined, lambda name: name in words,
             lambda name: len(name) > 3 and name in joined)
    for test in tests:  # "very_happy" before "happy", a whole word before a part of one
        for face, names in FACE_WORDS:
            if any(test(name) for name in names):
                return face
    return None


def read_csv_list(content: bytes) -> tuple[list[str], list[dict[str, str]]]:
    """(header, rows) of a choices CSV (UTF-8, with or without Excel's BOM); raises MediaError."""
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise MediaError("is not UTF-8 text; save it as 'CSV UTF-8'") from None
    reader = csv.DictReader(io.StringIO(text))
    rows = []
    for row in reader:
        if len(rows) >= MAX_CSV_ROWS:
            raise MediaError(f"has more than {MAX_CSV_ROWS} rows")
        rows.append({str(k).strip(): str(v or "").strip() for k, v in row.items() if k is not None})
    return [str(name).strip() for name in reader.fieldnames or []], rows

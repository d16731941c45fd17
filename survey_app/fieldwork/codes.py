"""Join codes and kiosk PINs."""

from __future__ import annotations

import re
import secrets

#: No 0/O or 1/I, so a code read off a printed sheet cannot be mistyped that way.
JOIN_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
JOIN_LENGTH = 8
_JOIN_PATTERN = re.compile(f"^[{JOIN_ALPHABET}]{{{JOIN_LENGTH}}}$")
SUBMISSION_ID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}")


def new_join_code() -> str:
    return "".join(secrets.choice(JOIN_ALPHABET) for _ in range(JOIN_LENGTH))


def normalise_join_code(text: str | None) -> str | None:
    """Upper-case, drop spaces and dashes; None when it cannot be a join code at all."""
    if not text:
        return None
    code = re.sub(r"[\s\-]", "", text.strip().upper())[: JOIN_LENGTH + 2]
    return code if _JOIN_PATTERN.match(code) else None


def is_submission_id(value: object) -> bool:
    """Exactly a random (version 4) UUID in its canonical lower-case text form: nothing before or after.

    ``fullmatch``, not ``match``: ``$`` also matches before a final newline, which let
    ``"<uuid>\n"`` through as a second id for the same survey.
    """
    return isinstance(value, str) and bool(SUBMISSION_ID.fullmatch(value))

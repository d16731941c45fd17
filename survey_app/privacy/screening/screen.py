"""The screening pipeline: refuse, normalise, detect, merge overlaps, redact, look for concerns."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from types import MappingProxyType

from .concerns.detector import blank_idioms, find_concerns
from .concerns.fold import fold
from .concerns.guards import excuse
from .detectors import NUMBER_DETECTORS, Detector, find_contacts
from .lexicon import concern_matcher
from .names import find_names
from .normalise import View, compact_view, find_disallowed_control, normalised_view
from .places import find_addresses, find_school_class

#: Hard limit: answer boxes allow far less, so anything longer is not a child typing.
MAX_LENGTH = 5000

#: Type code → placeholder. The order is also the precedence when detections overlap:
#: "13800138000@163.com" is an e-mail, and a WeChat id that is a phone number is a mobile.
PLACEHOLDERS = MappingProxyType(
    {
        "student_number": "〔学籍号〕",
        "resident_id": "〔身份证号〕",
        "hk_id": "〔香港身份证〕",
        "email": "〔邮箱〕",
        "url": "〔网址〕",
        "mobile": "〔手机号〕",
        "hk_phone": "〔香港电话〕",
        "landline": "〔电话〕",
        "social": "〔社交账号〕",
        "address": "〔地址〕",
        "school_class": "〔学校班级〕",
        "name": "〔姓名〕",
    }
)
_RANK = {code: rank for rank, code in enumerate(PLACEHOLDERS)}

#: Detectors that also run on the compact view, where "138 0013 8000" reads "13800138000".
_DIGIT_DETECTORS: tuple[Detector, ...] = (*NUMBER_DETECTORS, find_contacts)
_TEXT_DETECTORS: tuple[Detector, ...] = (find_addresses, find_school_class, find_names)

Span = tuple[int, int, str]


class ScreeningRefused(ValueError):
    """The text cannot be screened (not text, binary, or too long). The message is plain English."""


@dataclass(frozen=True)
class ScreeningResult:
    """What screening found. Only ``redacted`` may be stored where staff other than the lead can read it."""

    redacted: str
    detected: tuple[str, ...]
    concern: bool
    #: The lexicon's terms that matched (the lead's local words).
    concern_terms: tuple[str, ...]
    #: Why the text raised a concern, for the lead: ``category/rule「words」`` per rule category that fired,
    #: then ``lexicon「term」`` per lexicon term.
    concern_reasons: tuple[str, ...] = ()


def check_screenable(text: object) -> None:
    """Raise ScreeningRefused for input no child can type: non-text, control bytes, or too long."""
    if not isinstance(text, str):
        raise ScreeningRefused("Only text can be checked.")
    if len(text) > MAX_LENGTH:
        raise ScreeningRefused(f"The text is too long to check: the limit is {MAX_LENGTH} characters.")
    if find_disallowed_control(text) is not None:
        raise ScreeningRefused("The text contains control characters, so it cannot be checked.")


def _spans(view: View, detectors: Iterable[Detector]) -> Iterator[Span]:
    for detector in detectors:
        for hit in detector(view.text):
            if hit.end > hit.start:
                yield (*view.to_original(hit.start, hit.end), hit.code)


def find_spans(view: View) -> list[Span]:
    """Run every detector and return spans of the original text."""
    spans = list(_spans(view, _DIGIT_DETECTORS + _TEXT_DETECTORS))
    compact = compact_view(view)
    if compact.text != view.text:
        spans.extend(_spans(compact, _DIGIT_DETECTORS))
    return spans


def merge_spans(spans: Iterable[Span]) -> list[Span]:
    """Merge overlapping spans, keeping the highest-precedence code.

    Merging instead of dropping the loser means no detected character ever survives redaction.
    Touching spans of the same type merge too, so 福田区实验小学三年级 becomes one placeholder.
    """
    merged: list[Span] = []
    for start, end, code in sorted(spans):
        if merged and (start < merged[-1][1] or (start == merged[-1][1] and code == merged[-1][2])):
            last_start, last_end, last_code = merged[-1]
            best = min(last_code, code, key=_RANK.__getitem__)
            merged[-1] = (last_start, max(last_end, end), best)
        else:
            merged.append((start, end, code))
    return merged


def redact(text: str, spans: Sequence[Span]) -> str:
    """Replace each (sorted, disjoint) span of the text with its placeholder."""
    parts, position = [], 0
    for start, end, code in spans:
        parts += [text[position:start], PLACEHOLDERS[code]]
        position = end
    parts.append(text[position:])
    return "".join(parts)


def lexicon_terms(text: str, concern_terms: Sequence[str] | None) -> tuple[str, ...]:
    """The lexicon's terms in the text that the guards do not excuse ("没有人打我" is not "打我").

    Terms are matched on the folded text with idioms blanked, as the rules are, so 冇人打我 reads as
    没人打我 and "beat me at chess" is not "beat me".
    """
    folded = fold(text)
    blanked = blank_idioms(folded)
    found = {term for term, start, end in concern_matcher(concern_terms).matches(blanked)
             if excuse("lexicon", folded, start, end) is None}
    return tuple(sorted(found))


def screen_text(text: str, concern_terms: Sequence[str] | None = None) -> ScreeningResult:
    """Screen one answer: replace personal details with placeholders and look for safeguarding concerns.

    Concerns come from the structured rules (concerns/, always on) and from the lexicon of local terms;
    ``concern_terms`` replaces the default lexicon (see lexicon.py for the syntax), never the rules.
    Raises ScreeningRefused for binary or over-long input; never raises for anything a child can type.
    """
    check_screenable(text)
    if not text:
        return ScreeningResult("", (), False, ())
    view = normalised_view(text)
    spans = merge_spans(find_spans(view))
    found = lexicon_terms(text, concern_terms)
    reasons = tuple(hit.label() for hit in find_concerns(text)) + tuple(f"lexicon「{term}」" for term in found)
    detected = tuple(sorted({code for _, _, code in spans}))
    return ScreeningResult(redact(text, spans), detected, bool(reasons), found, reasons)


def screen_lines(lines: Iterable[str], concern_terms: Sequence[str] | None = None) -> Iterator[dict[str, object]]:
    """Screen one text per line and yield JSON-ready dicts (for ``flask privacy screen``).

    A refused line yields ``{"redacted": None, "detected": [], "concern": None, "error": message}``:
    it was not screened, so whether it holds a concern is unknown rather than false.
    """
    for line in lines:
        try:
            result = screen_text(line.rstrip("\r\n"), concern_terms)
        except ScreeningRefused as error:
            yield {"redacted": None, "detected": [], "concern": None, "error": str(error)}
            continue
        yield {"redacted": result.redacted, "detected": list(result.detected), "concern": result.concern}

"""A ``likert`` question (or one whose choices are faces) becomes one of our scales, so it pools and reports.

XLSForm only knows an ordered list; our scales also know each point's face, score and whether it
counts as agreeing. From the list alone: "don't know"-style choices become opt-outs; the order
runs from the most negative point to the most positive unless the labels say otherwise ("Strongly
agree" first); points get faces (named by their image files when they can be, else by position),
even scores from 0 to 1, and the upper half counts as agreeing, so ``agree_share`` reports it.
Every such guess is a warning and a comment in the YAML, to check.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from .media import face_in_name

#: Faces by number of points, from the most negative point to the most positive.
FACES_BY_SIZE = {2: ("sad", "happy"), 3: ("sad", "neutral", "happy"), 4: ("very_sad", "sad", "happy", "very_happy"),
                 5: ("very_sad", "sad", "neutral", "happy", "very_happy")}
#: Label words (lower case) that mark a choice as an opt-out rather than a point of the scale.
OPTOUT_WORDS = {
    "dont_know": ("don't know", "dont know", "do not know", "i don't know", "not sure", "unsure", "dk", "不知道",
                  "不清楚", "不确定", "dont_know", "don_t_know", "dontknow"),
    "prefer_not": ("prefer not to say", "prefer not to answer", "rather not say", "refused", "refuse", "no answer",
                   "不想回答", "拒绝回答", "不愿回答", "prefer_not", "refused_to_answer", "pnta"),
    "not_applicable": ("not applicable", "n/a", "na", "does not apply", "不适用", "不适合", "not_applicable"),
}
_NEGATIVE = ("strongly disagree", "disagree", "never", "not at all", "very unhappy", "unhappy",
             "very dissatisfied", "dissatisfied", "very bad", "bad", "very unsafe", "unsafe", "no", "非常不同意",
             "不同意", "从不", "从来没有", "一点也不", "非常不满意", "不满意", "很不开心", "不开心", "很不好", "不好",
             "很不安全", "不安全", "否", "不是")
_POSITIVE = ("strongly agree", "agree", "always", "very often", "often", "very happy", "happy", "very satisfied",
             "satisfied", "very good", "good", "very safe", "safe", "yes", "非常同意", "同意", "总是", "经常",
             "非常满意", "满意", "很开心", "开心", "很好", "好", "很安全", "安全", "是")
_KINDS = (("frequency", ("never", "rarely", "sometimes", "often", "always", "从不", "很少", "有时", "经常", "总是")),
          ("satisfaction", ("satisf", "满意")), ("agreement", ("agree", "同意")))


@dataclass
class ScaleGuess:
    scale: dict[str, Any]
    optouts: list[str]
    harmonise: str
    notes: list[str] = field(default_factory=list)


def optout_name(choice: dict[str, Any], name: str) -> str | None:
    """Which opt-out a choice is ("dont_know", ...) by its name or English/Chinese label, else None."""
    words = {name.lower(), *(_plain(text) for text in choice.get("label", {}).values())}
    return next((optout for optout, names in OPTOUT_WORDS.items() if words & set(names)), None)


def guess_scale(points: list[dict[str, Any]], names: list[str], images: bool) -> ScaleGuess | None:
    """Our scale for an ordered list, or None when it cannot be one (under 2 or over 5 points left)."""
    optouts, kept = [], []
    for point, name in zip(points, names, strict=True):
        optout = optout_name(point, name)
        if optout and optout not in optouts:
            optouts.append(optout)
        else:
            kept.append(dict(point))
    if not 2 <= len(kept) <= 5:
        return None
    descending = _polarity(kept[0]) > 0 > _polarity(kept[-1])
    order = list(range(len(kept)))[::-1] if descending else list(range(len(kept)))
    named = [face_in_name(point.get("image")) for point in kept]
    use_names = images and all(named) and len(set(named)) == len(named)
    faces = named if use_names else [FACES_BY_SIZE[len(kept)][rank] for rank in order]
    for point, face, rank in zip(kept, faces, order, strict=True):
        if images:
            point.pop("picture", None)  # the face is the picture
            point["face"] = point.get("face") or face
        score = round(rank / (len(kept) - 1), 2)
        point.setdefault("score", int(score) if score.is_integer() else score)
        if point["score"] > 0.5:
            point["agree"] = True
    kind = _kind(kept)
    direction = ("the most positive point to the most negative" if descending
                 else "the most negative point to the most positive")
    faces_said = f"faces {'from the image names' if use_names else 'by position'}, " if images else ""
    notes = [f"{len(kept)}-point {kind} scale{' with faces' if images else ''}, read as running from {direction}; "
             f"{faces_said}even scores, {sum(1 for p in kept if p.get('agree'))} agreeing point(s): check them"]
    if optouts:
        notes.append(f"opt-outs {', '.join(optouts)} taken from the list")
    return ScaleGuess({"kind": kind, "key": "faces" if images else "none", "points": kept}, optouts, "agree_share",
                      notes)


def _plain(text: str) -> str:
    return re.sub(r"[.!?。！？]+$", "", text.strip().lower().replace("’", "'"))


def _polarity(point: dict[str, Any]) -> int:
    labels = [_plain(text) for text in point.get("label", {}).values()]
    for sign, words in ((-1, _NEGATIVE), (1, _POSITIVE)):
        if any(_starts(label, word) for label in labels for word in words):
            return sign
    return 0


def _starts(label: str, word: str) -> bool:
    """Whether a label begins with a word (a whole word for English, any start for Chinese)."""
    if not word.isascii():
        return label.startswith(word)
    return label == word or label.startswith((f"{word} ", f"{word},"))


def _kind(points: list[dict[str, Any]]) -> str:
    labels = " ".join(_plain(text) for point in points for text in point.get("label", {}).values())
    if len(points) == 2 and {_polarity(points[0]), _polarity(points[1])} == {-1, 1} and (
            "yes" in labels or "是" in labels):
        return "yes_no"
    return next((kind for kind, words in _KINDS if any(word in labels for word in words)), "agreement")

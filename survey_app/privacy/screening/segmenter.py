"""Lazy access to jieba's part-of-speech tagger, shared by the name and place detectors.

jieba loads a 20 MB dictionary (about a second, plus a cache file in the temp directory), so it
is imported on first use, once per process, and only when a detector has found a cue word.
"""

from __future__ import annotations

import logging
import warnings
from collections.abc import Callable
from functools import lru_cache

#: Tags of words that cannot be part of a proper name: verbs (but not verbal nouns such as 实验),
#: adverbs, prepositions, conjunctions, pronouns, particles, interjections.
_NON_NAME_TAG_PREFIXES = ("v", "d", "p", "c", "r", "u", "y", "e")


@lru_cache(maxsize=1)
def _cutter() -> Callable[[str], list[tuple[str, str]]]:
    # jieba's import can warn (pkg_resources) and its loader logs to stderr: keep both quiet.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        import jieba
        import jieba.posseg

        jieba.setLogLevel(logging.WARNING)
        jieba.initialize()
    return lambda text: [(pair.word, pair.flag) for pair in jieba.posseg.cut(text, HMM=True)]


@lru_cache(maxsize=4096)
def pos_tags(text: str) -> tuple[tuple[str, str], ...]:
    """Segment a short text into (word, jieba tag) pairs (cached: cue windows repeat a lot)."""
    return tuple(_cutter()(text)) if text else ()


def is_function_tag(tag: str) -> bool:
    """Is this the tag of a verb, adverb, pronoun or other word that is never part of a name?"""
    return tag != "vn" and tag.startswith(_NON_NAME_TAG_PREFIXES)

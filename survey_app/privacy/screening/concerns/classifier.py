"""The classifier behind the rules: a logistic regression over character n-grams, read from classifier.json.

The rules catch what they were written for; the classifier catches some wordings nobody wrote a rule for.
It was trained by train_classifier.py (scikit-learn) on the corpus's development parts; here the same
features are computed in plain Python (scikit-learn's ``char_wb`` 1-3-grams, sublinear TF, IDF, L2 norm),
so the app needs no scikit-learn. tests/privacy/test_concern_classifier.py checks both agree.
"""

from __future__ import annotations

import json
import math
import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

_SPACES = re.compile(r"\s\s+")


@dataclass(frozen=True)
class Model:
    #: n-gram → its IDF squared, and n-gram → IDF × its coefficient: scoring sums both over the
    #: text's n-grams in C (``map``) and corrects only the n-grams that occur more than once.
    idf_squared: dict[str, float]
    weight: dict[str, float]
    intercept: float
    threshold: float


@lru_cache(maxsize=1)
def model() -> Model:
    data = json.loads(resources.files(__package__).joinpath("classifier.json").read_text(encoding="utf-8"))
    idf, coef = data["idf"], data["coef"]
    vocabulary = data["vocabulary"].items()
    return Model({gram: idf[index] ** 2 for gram, index in vocabulary},
                 {gram: idf[index] * coef[index] for gram, index in vocabulary},
                 data["intercept"], data["threshold"])


def char_ngrams(text: str, low: int = 1, high: int = 3) -> list[str]:
    """scikit-learn's ``char_wb`` analyser: n-grams inside each space-padded word."""
    grams = []
    for word in _SPACES.sub(" ", text.lower()).split():
        padded = f" {word} "
        for n in range(low, high + 1):
            grams.extend(padded[i:i + n] for i in range(max(1, len(padded) - n + 1)))
            if len(padded) < n:
                break
    return grams


def probability(features_text: str) -> float:
    """The model's probability that the (folded, idiom-blanked) text is a disclosure."""
    current = model()
    grams = char_ngrams(features_text)
    counts = Counter(grams)
    known = counts.keys() & current.weight.keys()
    # Sublinear TF: an n-gram seen n times counts 1 + ln n, so first sum as if each were seen once ...
    squares = sum(map(current.idf_squared.__getitem__, known))
    dot = sum(map(current.weight.__getitem__, known))
    if len(counts) < len(grams):  # ... then correct the few seen more than once
        for gram in known:
            if (count := counts[gram]) > 1:
                tf = 1 + math.log(count)
                squares += (tf * tf - 1) * current.idf_squared[gram]
                dot += (tf - 1) * current.weight[gram]
    score = current.intercept + (dot / math.sqrt(squares) if squares else 0.0)
    return 1 / (1 + math.exp(-score))


def flags(features_text: str) -> tuple[bool, float]:
    """Whether the classifier alone would flag the text, and its probability."""
    p = probability(features_text)
    return p >= model().threshold, p

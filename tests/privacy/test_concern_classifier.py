"""The classifier behind the rules: the shipped JSON is what training produces, and plain Python reads it
exactly as scikit-learn would."""

from __future__ import annotations

import json

import pytest

from survey_app.privacy.screening.concerns import classifier
from survey_app.privacy.screening.concerns.train_classifier import OUTPUT, features_text, fit
from survey_app.privacy.screening.corpus import load_part


@pytest.fixture(scope="module")
def trained():
    return fit()


def test_the_shipped_model_is_the_trained_one(trained):
    vectorizer, _, threshold, rows = trained
    shipped = json.loads(OUTPUT.read_text(encoding="utf-8"))
    assert shipped["threshold"] == threshold and shipped["rows"] == rows
    assert shipped["vocabulary"] == {gram: int(index) for gram, index in vectorizer.vocabulary_.items()}, (
        "classifier.json is stale: run python -m survey_app.privacy.screening.concerns.train_classifier")


def test_plain_python_scores_agree_with_scikit_learn(trained):
    vectorizer, model, _, _ = trained
    texts = [features_text(row["text"]) for row in load_part("locked")[:120]] + ["", "🙂", "a b  c"]
    expected = model.predict_proba(vectorizer.transform(texts))[:, 1]
    for text, want in zip(texts, expected, strict=True):
        assert classifier.probability(text) == pytest.approx(want, abs=1e-4), text


def test_the_classifier_never_sees_the_locked_parts():
    shipped = json.loads(OUTPUT.read_text(encoding="utf-8"))
    assert not {"locked", "fresh_locked"} & set(shipped["trained_on"])

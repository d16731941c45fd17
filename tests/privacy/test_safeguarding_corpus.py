"""The hand-labelled safeguarding corpus: files parse, are big enough, and the scorer runs.

Deliberately no assertion on the detector's recall: the corpus measures the detector, it does not
gate it (see survey_app/privacy/screening/corpus/README.md).
"""

from collections import Counter

import pytest

from bench.score_safeguarding import CORPUS, PARTS, format_table, load_part, score

HEADER = ["id", "label", "category", "soft_identifiers", "text"]
DISCLOSURE_CATEGORIES = {
    "home_violence",
    "witnessed_violence",
    "corporal_punishment",
    "bullying_threats",
    "self_harm",
    "followed_watched",
    "grooming",
    "neglect",
    "blackmail",
    "about_another_child",
    "english",
}
SOFT_KINDS = {"name", "address", "school_class", "social"}


@pytest.fixture(scope="module")
def parts():
    return {name: load_part(name) for name in PARTS}


def test_files_have_the_header_and_no_stray_fields():
    for name in PARTS:
        lines = (CORPUS / f"{name}.tsv").read_text(encoding="utf-8").splitlines()
        assert lines[0].split("\t") == HEADER
        assert all(len(line.split("\t")) == len(HEADER) for line in lines[1:]), name


def test_rows_are_well_formed(parts):
    for rows in parts.values():
        for row in rows:
            assert row["label"] in {"0", "1"}
            assert (row["label"] == "1") == (row["category"] in DISCLOSURE_CATEGORIES), row["id"]
            if row["label"] == "0":
                assert row["category"].startswith("negative_"), row["id"]
            kinds = [kind for kind in row["soft_identifiers"].split(";") if kind]
            assert set(kinds) <= SOFT_KINDS, row["id"]
            assert row["text"].strip(), row["id"]


def test_corpus_is_big_enough(parts):
    rows = parts["dev"] + parts["locked"]
    labels = Counter(row["label"] for row in rows)
    assert labels["1"] >= 300
    assert labels["0"] >= 300
    categories = Counter(row["category"] for row in rows)
    assert DISCLOSURE_CATEGORIES <= set(categories)
    assert min(categories.values()) >= 15, categories
    assert sum(bool(row["soft_identifiers"]) for row in rows) >= 60


def test_ids_unique_and_no_text_in_both_parts(parts):
    ids = [row["id"] for rows in parts.values() for row in rows]
    assert len(ids) == len(set(ids))
    texts = [row["text"] for rows in parts.values() for row in rows]
    assert len(texts) == len(set(texts)), "a text is in two parts"


def test_the_fresh_set_is_its_own_size_and_split(parts):
    rows = parts["fresh_dev"] + parts["fresh_locked"]
    assert Counter(row["label"] for row in rows) == {"1": 260, "0": 260}
    assert all(row["id"].startswith("x") for row in rows)
    assert abs(len(parts["fresh_dev"]) - len(parts["fresh_locked"])) <= 11


def test_scorer_runs_on_a_small_sample(parts):
    sample = parts["dev"][:10] + parts["dev"][-10:]
    result = score(sample)
    assert result.texts == 20
    table = format_table("sample", result)
    assert "ALL DISCLOSURES" in table
    assert "texts per second" in table

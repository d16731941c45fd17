"""The queue's "why it was flagged": stored reasons read back as category, rule and words, in both languages."""

from __future__ import annotations

from flask_babel import force_locale

from survey_app.safeguarding.reasons import explain


def test_rule_and_lexicon_reasons_read_back(app):
    stored = "home_violence/kin_act_victim「爸爸天天打我」, lexicon「不想活」"
    with app.test_request_context(), force_locale("en"):
        reasons = explain(stored)
    assert [(r.category, r.label, r.rule, r.words) for r in reasons] == [
        ("home_violence", "Violence at home", "kin_act_victim", "爸爸天天打我"),
        ("lexicon", "Local term", "", "不想活"),
    ]
    with app.test_request_context(), force_locale("zh_Hans"):
        assert [r.label for r in explain(stored)] == ["家庭暴力", "本地词条"]


def test_items_saved_before_the_rules_show_their_bare_terms(app):
    with app.test_request_context(), force_locale("en"):
        assert [(r.label, r.words) for r in explain("打我, 想死")] == [("Local term", "打我"), ("Local term", "想死")]
        assert explain("") == []

"""Free-text screening: accuracy on the labelled corpus, placeholders and the public API."""

from __future__ import annotations

import csv
import re
from collections import Counter
from pathlib import Path

import pytest

from survey_app.privacy.screening import PLACEHOLDERS, ScreeningResult, screen_lines, screen_text

CORPUS = Path(__file__).with_name("screening_corpus.tsv")

#: Checksum- or metadata-validated types: the issue requires recall >= 0.98 and precision >= 0.95.
STRUCTURED = ("resident_id", "student_number", "mobile", "hk_id", "hk_phone", "email")
#: Cue-based types with a validated core (a number or a URL shape).
CONTACT = ("landline", "url", "social")
#: Heuristic types: reported, with a floor.
HEURISTIC = ("name", "address", "school_class")


def load_corpus() -> list[tuple[str, frozenset[str], bool]]:
    with CORPUS.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
        return [(row["text"], frozenset(filter(None, row["expected"].split(","))), row["concern"] == "1")
                for row in reader]


@pytest.fixture(scope="module")
def scored():
    """Screen the corpus once; return per-type counts, concern counts and the results."""
    counts = {code: Counter() for code in PLACEHOLDERS}
    concern = Counter()
    results = []
    for text, expected, is_concern in load_corpus():
        result = screen_text(text)
        detected = set(result.detected)
        for code in PLACEHOLDERS:
            outcome = {(True, True): "tp", (False, True): "fp", (True, False): "fn"}.get(
                (code in expected, code in detected))
            if outcome:
                counts[code][outcome] += 1
        concern[{(True, True): "tp", (False, True): "fp", (True, False): "fn", (False, False): "tn"}[
            (is_concern, result.concern)]] += 1
        results.append((text, expected, result))
    return counts, concern, results


def precision_recall(count: Counter) -> tuple[float, float]:
    precision = count["tp"] / (count["tp"] + count["fp"]) if count["tp"] + count["fp"] else 1.0
    recall = count["tp"] / (count["tp"] + count["fn"]) if count["tp"] + count["fn"] else 1.0
    return precision, recall


def test_corpus_is_big_and_covers_every_type():
    corpus = load_corpus()
    labelled = Counter(code for _, expected, _ in corpus for code in expected)
    assert len(corpus) >= 220
    assert set(labelled) == set(PLACEHOLDERS), "every type needs positives"
    assert all(labelled[code] >= 5 for code in PLACEHOLDERS)
    assert sum(concern for *_, concern in corpus) >= 20


def test_corpus_report(scored, capsys):
    """Print the per-type precision/recall table (shown even when pytest captures output)."""
    counts, concern, _ = scored
    lines = [f"{'type':15} {'precision':>9} {'recall':>7}  tp  fp  fn"]
    for code, count in counts.items():
        precision, recall = precision_recall(count)
        lines.append(f"{code:15} {precision:9.2f} {recall:7.2f} {count['tp']:3} {count['fp']:3} {count['fn']:3}")
    precision, recall = precision_recall(concern)
    lines.append(f"{'concern':15} {precision:9.2f} {recall:7.2f} {concern['tp']:3} {concern['fp']:3} {concern['fn']:3}")
    with capsys.disabled():
        print("\nscreening corpus:\n" + "\n".join(lines))


@pytest.mark.parametrize("code", STRUCTURED)
def test_structured_identifiers_are_found_reliably(scored, code):
    precision, recall = precision_recall(scored[0][code])
    assert recall >= 0.98 and precision >= 0.95, (code, precision, recall)


@pytest.mark.parametrize("code", CONTACT)
def test_contact_details_are_found(scored, code):
    precision, recall = precision_recall(scored[0][code])
    assert recall >= 0.9 and precision >= 0.9, (code, precision, recall)


@pytest.mark.parametrize("code", HEURISTIC)
def test_heuristic_types_reach_their_floor(scored, code):
    precision, recall = precision_recall(scored[0][code])
    assert recall >= 0.8 and precision >= 0.85, (code, precision, recall)


def test_concern_terms_are_found_without_many_false_alarms(scored):
    precision, recall = precision_recall(scored[1])
    assert recall >= 0.95 and precision >= 0.9, (precision, recall)


def test_screening_the_redacted_text_finds_no_identifier_left(scored):
    """Whatever was detected is gone: re-screening the output finds no structured identifier."""
    for text, _, result in scored[2]:
        again = set(screen_text(result.redacted).detected)
        assert not again & set(STRUCTURED + CONTACT), (text, result.redacted, again)


@pytest.mark.parametrize(
    ("text", "redacted"),
    [
        ("我的身份证号是11010519491231002X", "我的身份证号是〔身份证号〕"),
        ("学籍号G11010519491231002X", "学籍号〔学籍号〕"),
        ("妈妈手机138 0013 8000，有事打", "妈妈手机〔手机号〕，有事打"),
        ("家里电话0755-12345678", "家里电话〔电话〕"),
        ("香港身份证A123456(3)", "香港身份证〔香港身份证〕"),
        ("+852 9123 4567", "〔香港电话〕"),
        ("邮箱xiaoming@qq.com", "邮箱〔邮箱〕"),
        ("看 www.example.com 和 abc.com/xyz", "看 〔网址〕 和 〔网址〕"),
        ("加我微信：tommy_2010", "加我微信：〔社交账号〕"),
        ("我住在3栋2单元501室", "我住在〔地址〕"),
        ("我在福田区实验小学三年级二班", "我在〔学校班级〕"),
        ("我叫张伟，王老师很好", "我叫〔姓名〕，〔姓名〕老师很好"),
    ],
)
def test_each_type_gets_its_placeholder(text, redacted):
    assert screen_text(text).redacted == redacted


@pytest.mark.parametrize(
    "text",
    ["地铁3号线", "公园有100个滑梯", "2023年我得了第1名", "走路10分钟", "一个雪糕15.5元", "深圳湾公园", "莲花山公园",
     "图书馆", "少年宫", "我想要一个篮球场", "110105194912310021", "11010519491331002X", "12345678901"],
)
def test_ordinary_text_is_left_alone(text):
    assert screen_text(text) == ScreeningResult(text, (), False, ())


@pytest.mark.parametrize(
    ("text", "identifier"),
    [
        ("身份证 110105 19491231 002X", "11010519491231002X"),
        ("ID:１１０１０５１９４９１２３１００２ｘ", "11010519491231002X"),
        ("+86-138-0013-8000", "13800138000"),
        ("电话：１３８ ００１３ ８０００", "13800138000"),
        ("0086 13800138000", "13800138000"),
        ("139.3108.5047", "13931085047"),
    ],
)
def test_original_digits_never_survive(text, identifier):
    redacted = screen_text(text).redacted
    digits = re.sub(r"[^0-9Xx]", "", redacted.translate({c: c - 0xFEE0 for c in range(0xFF10, 0xFF5B)}))
    assert identifier.lower() not in digits.lower()
    assert "〔" in redacted


def test_redaction_keeps_the_childs_own_characters():
    result = screen_text("我叫小明，手机１３８００１３８０００！我喜欢公园。")
    assert result.redacted == "我叫〔姓名〕，手机〔手机号〕！我喜欢公园。"
    assert result.detected == ("mobile", "name")


def test_overlapping_detections_merge_into_the_stronger_type():
    assert screen_text("13800138000@163.com").redacted == "〔邮箱〕"
    assert screen_text("微信就是手机号13800138000").detected == ("mobile",)


def test_screen_lines_yields_json_ready_dicts():
    out = list(screen_lines(["我叫张伟\n", "我想死\n", "", "bad\x00line\n"]))
    assert out[0] == {"redacted": "我叫〔姓名〕", "detected": ["name"], "concern": False}
    assert out[1]["concern"] is True and "concern_terms" not in out[1]
    assert out[2] == {"redacted": "", "detected": [], "concern": False}
    assert out[3]["redacted"] is None and out[3]["concern"] is None and "control characters" in out[3]["error"]


def test_screen_lines_uses_custom_terms():
    assert next(screen_lines(["我讨厌下雨"], concern_terms=["讨厌"]))["concern"] is True

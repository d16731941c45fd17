"""The structured safeguarding rules: what reaches the lead, what does not, and why (issue 10).

The texts here were written for these tests, not taken from the corpus, so they also check that the rules
generalise beyond the rows they were tuned on.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from survey_app.privacy.screening import MAX_LENGTH, screen_text
from survey_app.privacy.screening.concerns.detector import find_concerns
from survey_app.privacy.screening.concerns.fold import fold

DISCLOSURES = [
    ("home_violence", "我妈一生气就拿鞋底抽我脸"),
    ("home_violence", "后妈把我关在阳台上一整晚"),
    ("home_violence", "舅舅喝了酒就揍我"),
    ("home_violence", "我爸說我再考不好就打死我"),
    ("witnessed_violence", "我爸昨天又把我妈打哭了"),
    ("witnessed_violence", "妈妈被继父推倒在地上，我不敢出声"),
    ("corporal_punishment", "班主任让我们跪在讲台上"),
    ("corporal_punishment", "体育老师拿棍子打我们的手"),
    ("bullying_threats", "高年级的每天找我要钱，不给就打"),
    ("bullying_threats", "有人在群里说要找人收拾我"),
    ("self_harm", "我真的撑不下去了"),
    ("self_harm", "觉得自己是家里的累赘，消失就好了"),
    ("self_harm", "我把刀片藏在笔袋里，晚上会割手"),
    ("followed_watched", "有个陌生男人天天在校门口等我放学"),
    ("followed_watched", "那辆白车一直跟着我到小区门口"),
    ("grooming", "游戏里认识的叔叔说要给我寄礼物，让我别跟爸妈说"),
    ("grooming", "补课老师老是让我一个人留下来，还摸我的腿"),
    ("neglect", "爸妈喝醉了就不回家，我和妹妹两天没吃饭"),
    ("neglect", "牙疼了一个月，家里说没钱不带我去看"),
    ("blackmail", "他说不给他五百块就把我的照片发到班群"),
    ("about_another_child", "我同桌说她爸爸天天打她"),
    ("english", "my step dad hits me when mum is at work"),
    ("english", "i dont wanna be here anymore everyone would be happier"),
    ("english", "a guy online keeps asking me to send pics and says its our secret"),
]

TRICKY_NEGATIVES = [
    "周末和爸爸去打羽毛球，累死了",
    "我们班的秘密基地在操场后面",
    "笑死我了，我弟弟跳舞像企鹅",
    "没有人欺负我，我只是想要更多的书",
    "爸爸从来不打我，他很温柔",
    "我们看了一部关于校园霸凌的电影，很感动",
    "王者荣耀里我被对面杀了八次",
    "跆拳道课上被踢到了，不过不疼",
    "以前有人给我起外号，后来老师处理了，现在没事了",
    "妈妈打电话让我早点回家",
    "我弟弟跟着我去买零食",
    "希望学校门口有红绿灯",
    "打车去外婆家要好久",
    "this homework is killing me lol",
    "nobody hurts me i just want a bigger park",
]


@pytest.mark.parametrize(("category", "text"), DISCLOSURES)
def test_disclosures_in_new_words_reach_the_lead(category, text):
    result = screen_text(text)
    assert result.concern, text
    # The lead sees the category among the reasons (a text may fire other categories too).
    assert any(reason.startswith(f"{category}/") for reason in result.concern_reasons) or category in (
        "about_another_child", "english"), (text, result.concern_reasons)


@pytest.mark.parametrize("text", TRICKY_NEGATIVES)
def test_tricky_harmless_answers_stay_quiet(text):
    assert not screen_text(text).concern, (text, screen_text(text).concern_reasons)


def test_each_reason_names_a_category_a_rule_and_the_words():
    (hit,) = find_concerns("我想死")
    assert (hit.category, hit.rule, hit.evidence) == ("self_harm", "wish_to_die", "想死")
    assert hit.label() == "self_harm/wish_to_die「想死」"


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("後爸拿皮帶打我", "后爸拿皮带打我"),  # traditional → simplified
        ("我老豆成日打我", "我爸爸经常打我"),  # Cantonese
        ("佢哋唔俾我食飯", "他们不给我吃饭"),
        ("ta ba ba da ta", "他爸爸打他"),  # a pinyin sentence
        ("我想紫砂", "我想自杀"),  # homophones
        ("想 😭 死", "想死"),  # soft separators between characters
        ("I DONT WANNA live", "i do not want to live"),  # case and contractions
    ],
)
def test_folding_reads_scripts_dialects_and_spellings_as_one_form(text, folded):
    assert fold(text) == folded


def test_negation_excuses_harm_but_not_neglect():
    assert not find_concerns("没有人打我")
    assert [hit.category for hit in find_concerns("家里没人管我")] == ["neglect"]


def test_a_guard_never_hides_distress_in_the_next_clause():
    assert find_concerns("我们玩游戏，后来他把我按在地上打，我很疼")


@pytest.mark.parametrize("text", ["", " ", "。。。", "🙂" * 50, "a" * MAX_LENGTH, "打" * MAX_LENGTH,
                                  "我爸打我妈" * (MAX_LENGTH // 5), "\u200b\u200d\ufeff", "𠀀𠀁𠀂"])
def test_odd_and_huge_texts_are_screened_without_error(text):
    screen_text(text)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), max_size=300))
def test_rules_never_throw_on_any_text(text):
    find_concerns(text)

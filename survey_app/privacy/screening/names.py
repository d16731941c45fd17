"""Person names after cue words (我叫, 我同学, 王老师, my name is ...).

Names are only looked for next to a cue: jieba tags far too many ordinary words as names ('nr')
to be trusted on its own, and a name without a cue is rare in survey answers. After a cue, a
candidate is accepted when jieba tags it as a name or it starts with a common surname, or when it
is a nickname of the 小明 / 阿强 kind. A Latin name after a Chinese cue (我叫Tom) counts too.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from .detectors import Hit
from .segmenter import pos_tags

#: Common surnames (about 120 cover ~90% of people in mainland China and Hong Kong).
SURNAMES = frozenset(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟"
    "谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤莊庄張陳楊黃趙吳"
    "劉鄭謝許韓馮鄧蔣葉蘇呂鍾譚陸賈韋鄒龔錢湯區麥關"
)
COMPOUND_SURNAMES = ("欧阳", "歐陽", "司马", "司馬", "诸葛", "上官", "东方", "慕容", "司徒")
#: Characters that cannot start or continue a given name in running text.
_FUNCTION_CHARS = set("的了是和跟说說在也都很就还還又把被给給让讓向对對从從到去来來上下里裡呢吗嗎吧啊呀哦嘛们們家")
#: Words jieba tags as names, or that look like 小X nicknames, but are ordinary words.
_NOT_NAMES = frozenset(
    "小学生 小学 小朋友 小孩 小孩子 小区 小时 小时候 小狗 小猫 小鸟 小组 小心 小吃 小说 小伙伴 小姐 小姐姐 小哥哥 "
    "小妹妹 小弟弟 小宝宝 小卖部 小河 小树 小草 小事 小船 小车 阿姨 阿公 阿婆 "
    "小公园 小溪 小路 小山 小屋 小动物 小伙子 小声 小气 小偷 小品 小巧 小型 小镇 小店 小号 小白兔 小明星 "
    "小学校 小时间 小部分 小问题".split()
)

_ZH_CUE = re.compile(
    r"(?:我叫|我名叫|名字叫|名字是|姓名|叫做|我是|同学|同學|同桌|朋友|哥哥|姐姐|弟弟|妹妹|表哥|表姐|表弟|表妹|堂哥|堂姐"
    r"|班主任|班长|班長|爸爸叫|妈妈叫|媽媽叫|老师叫|老師叫|队友|隊友|室友|好友|闺蜜|閨蜜|网友|網友|邻居|鄰居|叫我)"
    r"(?:们|們)?(?:\s|是|叫|名叫|:|,|，|“|”|\"|「|『)*"
)
#: Titles that follow a surname or full name: 王老师, 张伟同学, 李阿姨.
_TITLE = re.compile(r"老师|老師|同学|同學|校长|校長|阿姨|叔叔")
_EN_CUE = re.compile(
    r"(?<![A-Za-z])(?i:my name is|my name's|i am|i'm|call me|my (?:best )?friend|my classmate|my brother|my sister)"
    r"\s+(?P<name>[A-Z][a-z]+(?: [A-Z][a-z]+)?)"
    r"|(?<![A-Za-z])(?:Mr|Mrs|Ms|Miss|Teacher)\.? (?P<title>[A-Z][a-z]+)"
    r"|(?<![A-Za-z])(?i:my name is) (?P<lower>[a-z]+(?: [a-z]+)?)"
)
_EN_NOT_NAMES = frozenset(
    "Chinese English American Not Very So From In At A An The Grade Class Year Form Ok Okay Fine Sorry Happy Sad Good "
    "Here Going Years Ten Eleven Twelve Nine Eight Seven Six Thirteen Fourteen Fifteen Sixteen Seventeen Student Boy "
    "Girl Really Also Just Still Now Tired Bored Scared Glad Sure".split()
)
#: "校长姓马": a surname on its own still narrows down who is meant.
_SURNAME_ONLY = re.compile(r"(?<![百])姓(?P<surname>[" + "".join(SURNAMES) + r"])(?![名氏])")
_LATIN_NAME = re.compile(r"[A-Z][a-z]+(?: [A-Z][a-z]+)?")
_WINDOW = 6


def _leading_cjk(text: str, start: int) -> str:
    end = start
    while end < len(text) and end - start < _WINDOW and "\u3400" <= text[end] <= "\u9fff":
        end += 1
    return text[start:end]


def _nickname(window: str, tokens: Sequence[tuple[str, str]]) -> str | None:
    """小明 / 阿强: 小 or 阿 plus one character, unless jieba sees an ordinary word (小朋友, 小声)."""
    first_word, first_tag = tokens[0]
    if first_word in _NOT_NAMES or window[:2] in _NOT_NAMES or window[1] in _FUNCTION_CHARS:
        return None
    if len(first_word) >= 3 and not first_tag.startswith("nr"):
        return None  # 小提琴, 小卖部
    return first_word if len(first_word) == 3 else window[:2]


def _given_name(rest: str) -> str:
    """Up to two characters after a surname, stopping at words that cannot be part of a name."""
    given = ""
    for char in rest[:2]:
        if char in _FUNCTION_CHARS or _TITLE.match(rest, len(given)):
            break
        given += char
    return given


def _surname_name(window: str, tokens: Sequence[tuple[str, str]]) -> str | None:
    """A surname plus a one- or two-character given name, helped by jieba's segmentation."""
    surname = next((s for s in COMPOUND_SURNAMES if window.startswith(s)), window[0])
    first_word, first_tag = tokens[0]
    if first_word == surname:  # jieba split the surname off: 李 | 思思, 张 | 小花
        name = surname + _given_name(window[len(surname):])
    elif first_tag.startswith("nr") and len(first_word) <= len(surname) + 2:
        name = _TITLE.split(first_word)[0]
        follower = tokens[1][0] if len(tokens) > 1 else ""
        if len(name) == len(surname) + 1 and len(follower) == 1 and follower not in _FUNCTION_CHARS:
            name += follower  # jieba cut a three-character name short: 杨梓 | 涵
    else:
        return None  # an ordinary word that starts with a surname character: 高兴, 周末
    return name if len(name) > len(surname) else None


def name_at(window: str) -> str | None:
    """Return the name that starts the window, if the window starts with one."""
    if len(window) < 2:
        return None
    tokens = pos_tags(window)
    first_word, first_tag = tokens[0]
    if window[0] in "小阿":
        return _nickname(window, tokens)
    if window[0] in SURNAMES or window[:2] in COMPOUND_SURNAMES:
        return _surname_name(window, tokens)
    if first_tag.startswith("nr") and len(first_word) in (2, 3) and first_word not in _NOT_NAMES:
        return first_word
    return None


def _titled_name(text: str, title_start: int) -> Hit | None:
    """王老师 → 王; 张伟同学 → 张伟; 数学老师 and 新同学 have no name."""
    before = text[max(0, title_start - _WINDOW):title_start]
    tokens = pos_tags(before)
    if not tokens:
        return None
    word, tag = tokens[-1]
    if len(word) == 1 and word in SURNAMES:
        return Hit(title_start - 1, title_start, "name")
    if tag.startswith("nr") and len(word) in (2, 3) and word[0] in SURNAMES | set("小阿"):
        start = title_start - len(word)
        if len(tokens) > 1 and len(word) == 2 and tokens[-2][0] in SURNAMES:
            start -= 1  # 林 + 小雨
        return Hit(start, title_start, "name")
    return None


def _name_after_cue(text: str, position: int) -> str | None:
    window = _leading_cjk(text, position)
    if window:
        return name_at(window)
    latin = _LATIN_NAME.match(text, position)  # 我叫Tom
    return latin.group(0) if latin and latin.group(0).split()[0] not in _EN_NOT_NAMES else None


def find_names(text: str) -> Iterator[Hit]:
    """Find person names after Chinese and English cues and before titles such as 老师."""
    for match in _ZH_CUE.finditer(text):
        name = _name_after_cue(text, match.end())
        if name:
            yield Hit(match.end(), match.end() + len(name), "name")
    for match in _SURNAME_ONLY.finditer(text):
        yield Hit(match.start("surname"), match.end("surname"), "name")
    for match in _TITLE.finditer(text):
        hit = _titled_name(text, match.start())
        if hit:
            yield hit
    for match in _EN_CUE.finditer(text):
        group = next(g for g in ("name", "title", "lower") if match.group(g))
        if match.group(group).split()[0].capitalize() not in _EN_NOT_NAMES:
            yield Hit(match.start(group), match.end(group), "name")

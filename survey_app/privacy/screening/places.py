"""Detectors for home addresses and for school, grade and class.

Both are cue based and deliberately conservative about public places: a child writing about
深圳湾公园, 莲花山公园, 图书馆 or 少年宫 is answering the survey, not giving an address. Estates and
schools are recognised by a suffix (翠竹花园, 福田区实验小学) *and* a proper-name prefix in front
of it: "我们小区" and "新学校" have no name, so they stay.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from .detectors import Hit
from .segmenter import is_function_tag, pos_tags

_NUM = "一二三四五六七八九十"

# ---- addresses -------------------------------------------------------------------------------

#: A chain of building units: 3栋2单元501室, 5号楼, B座1203, 12楼.
_UNIT_CHAIN = re.compile(
    r"(?<![0-9A-Za-z])(?:(?:[0-9]{1,4}|[A-Za-z])\s*(?:号楼|號樓|栋|棟|幢|单元|單元|座|楼|樓|层|層|室|号房|房)\s*)+"
    r"(?:[0-9]{2,4}(?:室|房|号|號)?)?"
)
#: Units that on their own say "a home": a floor (3楼) or a seat count (100座) does not.
_STRONG_UNIT = re.compile(r"号楼|號樓|栋|棟|幢|单元|單元|[0-9]{3,4}\s*(?:室|房)|号房|[A-Za-z]\s*座")
#: "3栋教学楼" counts buildings; "第3单元" is a textbook unit.
_NOT_ADDRESS_AFTER = re.compile(r"(?:教学|大|高)?(?:楼|樓)|房子|建筑")
_HOME_CUE = re.compile(r"(?:住|家)[^。！？!?\n]{0,3}$")
_ROAD_NUMBER = re.compile(r"(?:路|街|大道|巷)[0-9]{1,5}(?:号|號)(?:院|楼|樓)?")
#: "门牌号是1802", "room 502": the cue word says the number is a home.
_DOOR_NUMBER = re.compile(r"(?:门牌|門牌|房号|房號|房间号|房間號|(?<![A-Za-z])(?i:room))(?:号|號)?\s*(?:是|:)?\s*"
                          r"(?P<number>[0-9A-Za-z]{0,2}-?[0-9]{2,5})(?![0-9])")

_ESTATE_SUFFIX = re.compile(r"小区|小區|花园|花園|家园|家園|山庄|山莊|公寓|新村|苑|村")
_SCHOOL_SUFFIX = re.compile(
    rf"(?:实验学校|實驗學校|外国语学校|外國語學校|小学|小學|中学|中學|初中|高中|学校|學校|附小|附中|[{_NUM}]中)"
    r"(?![生午间間心国國文])"
)

#: Characters that end a place-name prefix when walking back from its suffix ("住在|翠竹|花园").
_PREFIX_STOP = set("我你他她它们們的地得在是住家上读讀念去到和跟与與及或这這那个個了很说說也都有从從离離对對"
                   "就要想会會能给給让讓被把向往回过過着著为為吗嗎呢吧啊呀哦嗯所座条條每又还還但叫边邊近面壁")
#: Prefixes that describe a kind of place rather than name one.
_GENERIC_PREFIXES = {
    # villages and estates as kinds: 城中村, 度假村, 老旧小区, 学生公寓
    "城中", "新农", "地球", "度假", "奥运", "老旧", "附近", "整个", "各个", "其他", "别的", "高档", "封闭", "学生",
    "青年", "人才",
    # gardens and homes children propose rather than live in: 屋顶花园, 社区花园, 美好家园
    "屋顶", "楼顶", "空中", "秘密", "儿童", "社区", "城市", "街心", "口袋", "阳台", "学校", "共享", "公共", "植物",
    "美好", "绿色", "温馨", "美丽", "共同",
    # schools as kinds: 重点中学, 足球学校
    "重点", "普通", "公立", "私立", "民办", "国际", "寄宿", "特殊", "职业", "技术", "培训", "补习", "课外", "足球",
    "篮球", "舞蹈", "音乐", "美术", "游泳", "武术", "驾驶", "以前", "现在", "原来", "本地", "当地", "最好",
}
_MAX_PREFIX = 8


def _named_prefix_start(text: str, suffix_start: int) -> int | None:
    """Walk back from a suffix over the place name; return its start, or None when there is no name."""
    start = suffix_start
    while start > 0 and suffix_start - start < _MAX_PREFIX:
        char = text[start - 1]
        if char in _PREFIX_STOP or not (char.isalnum() and (char.isascii() or "\u3400" <= char <= "\u9fff")):
            break
        start -= 1
    prefix = text[start:suffix_start]
    if len(prefix) < 2:
        return None
    # The walk stops at single function characters; jieba finds function *words* (希望, 喜欢).
    offset = start
    for word, tag in pos_tags(prefix):
        offset += len(word)
        if is_function_tag(tag):
            start = offset
    prefix = text[start:suffix_start]
    # "建设美好家园" ends in a generic word even though 建设 is not a function word.
    if len(prefix) < 2 or prefix.isdigit() or any(prefix.endswith(word) for word in _GENERIC_PREFIXES):
        return None
    return start


def _named_places(text: str, suffix: re.Pattern[str], code: str) -> Iterator[Hit]:
    for match in suffix.finditer(text):
        start = _named_prefix_start(text, match.start())
        if start is not None:
            yield Hit(start, match.end(), code)


def _is_home_unit_chain(text: str, match: re.Match[str]) -> bool:
    if text[max(0, match.start() - 1):match.start()] == "第" or _NOT_ADDRESS_AFTER.match(text, match.end()):
        return False
    chain = match.group(0)
    return bool(_STRONG_UNIT.search(chain)) or bool(_HOME_CUE.search(text, 0, match.start()))


def find_addresses(text: str) -> Iterator[Hit]:
    """Find building/unit/room chains, road + house numbers and named estates (翠竹花园, 桃源村)."""
    for match in _UNIT_CHAIN.finditer(text):
        if _is_home_unit_chain(text, match):
            yield Hit(match.start(), _end_without_spaces(match), "address")
    for match in _ROAD_NUMBER.finditer(text):
        # The house number is what makes it an address; the road name goes too, if there is one.
        start = _named_prefix_start(text, match.start())
        yield Hit(match.start() if start is None else start, match.end(), "address")
    for match in _DOOR_NUMBER.finditer(text):
        yield Hit(match.start("number"), match.end("number"), "address")
    yield from _named_places(text, _ESTATE_SUFFIX, "address")


def _end_without_spaces(match: re.Match[str]) -> int:
    return match.start() + len(match.group(0).rstrip())


# ---- school, grade and class -----------------------------------------------------------------

_GRADE_CLASS = re.compile(
    "|".join(
        (
            # 三年级二班, 五年级, 3年级(2)班
            rf"[{_NUM}1-9]\s*(?:年级|年級)(?:\s*(?:[{_NUM}]{{1,2}}|[0-9]{{1,2}}|\(\s*[0-9]{{1,2}}\s*\))\s*班)?",
            # 三(2)班, 初二(3)班, 高一3班, 高一三班
            rf"(?:初|高)?\s*[{_NUM}1-9]\s*\(\s*[0-9]{{1,2}}\s*\)\s*班",
            rf"(?:初|高)\s*[一二三1-3]\s*(?:[0-9]{{1,2}}|[{_NUM}]{{1,2}})\s*班",
            # 初二 / 高一 only where they clearly mean a school year: "我上初二", not "高一点" or 大年初一
            r"(?<=[上读讀念在是我升])(?:初|高)[一二三](?![点點些下倍度米头頭])",
            # 3班 (but not 3班车)
            r"(?<![0-9A-Za-z])[0-9]{1,2}\s*班(?![车車次长長级級主])",
            # Grade 5, Class 3, Year 7, Form 2
            r"(?<![A-Za-z])(?i:grade|class|year|form)\s*[0-9]{1,2}(?![0-9])",
        )
    )
)


def find_school_class(text: str) -> Iterator[Hit]:
    """Find grade/class mentions (三年级二班, 初二(3)班, Grade 5) and named schools (福田区实验小学)."""
    for match in _GRADE_CLASS.finditer(text):
        yield Hit(match.start(), _end_without_spaces(match), "school_class")
    yield from _named_places(text, _SCHOOL_SUFFIX, "school_class")

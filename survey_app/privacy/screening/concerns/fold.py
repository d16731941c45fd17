"""Fold what a child typed into one plain form before the safeguarding rules read it.

The rules are written once, in simplified Mandarin and plain English. Children write traditional
characters, Cantonese, pinyin, internet homophones, full-width letters, emoji between characters and
English without apostrophes. Folding maps all of that onto the form the rules expect:

1. NFKC and case folding (full-width "ＨＩＴ" is "hit"), then OpenCC's traditional → simplified.
2. Cantonese words to their Mandarin equivalents (佢 → 他, 唔 → 不, 屋企 → 家, 老豆 → 爸爸).
3. Runs of pinyin (``ta ba ba da ta``) to characters, and homophones children use to get past word
   filters (紫砂 → 自杀, 打窝 → 打我).
4. Soft separators between Chinese characters removed ("想 死", "想😭死"), so a spaced-out word still
   reads as a word; clause punctuation is kept because the rules and guards work clause by clause.
5. English contractions and frequent misspellings to one spelling ("dont" → "don't" → "do not").

The folded text is only read by the rules: it is never stored or shown.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

import opencc

#: Cantonese written forms (as OpenCC's t2s leaves them) → Mandarin, longest first when applied. Only words
#: whose Mandarin reading is unambiguous in children's writing: 話 (say / words) and 係 (是 / 关系) are left alone.
CANTONESE = {
    "佢哋": "他们", "佢地": "他们", "佢": "他", "唔好": "不要", "唔": "不", "冇": "没", "屋企人": "家人",
    "屋企": "家", "老豆": "爸爸", "老窦": "爸爸", "老爸": "爸爸", "老母": "妈妈", "阿妈": "妈妈", "阿爸": "爸爸",
    "细佬": "弟弟", "家姐": "姐姐", "细妹": "妹妹", "咗": "了", "嘅": "的",
    "喺": "在", "瞓": "睡", "攰": "累", "成日": "经常", "日日": "每天", "每日": "每天", "返屋企": "回家",
    "嚟": "来", "睇": "看", "攞": "拿", "揾": "找", "畀": "给", "俾": "给", "啲": "的", "仲": "还", "惊": "怕",
    "边个": "谁", "点算": "怎么办", "食": "吃", "打交": "打架", "闹我": "骂我", "呢个": "这个", "嗰个": "那个",
    "间尺": "尺子", "跟住": "跟着", "睇住": "看着", "揸住": "抓着", "郁手": "动手", "掂我": "碰我", "搣": "掐",
    "掴": "扇", "嘢": "东西", "而家": "现在", "靓": "漂亮", "咁": "这么", "落去": "下去",
}
#: Homophones and internet spellings children use for words a filter might catch.
HOMOPHONES = {
    "紫砂": "自杀", "自鲨": "自杀", "zs": "自杀", "打窝": "打我", "粑粑": "爸爸", "麻麻": "妈妈", "bb": "爸爸",
    "b b": "爸爸", "鼠鼠我": "我", "銀": "人", "4了": "死了", "si了": "死了", "想si": "想死", "sha了": "杀了",
}
#: Pinyin syllables the rules care about → one character each; others become "·" (a word that is not one of ours).
PINYIN = {
    "wo": "我", "ni": "你", "ta": "他", "da": "打", "ba": "爸", "ma": "妈", "gen": "跟", "zong": "踪", "zhao": "照",
    "pian": "片", "gei": "给", "qian": "钱", "bu": "不", "ran": "然", "fa": "发", "yao": "要", "si": "死",
    "xiang": "想", "sha": "杀", "zi": "自", "lai": "来", "you": "又", "de": "的", "na": "那", "ge": "个", "ren": "人",
    "le": "了", "jiu": "就", "wei": "威", "xie": "胁", "pai": "拍", "luo": "裸", "shang": "伤", "hai": "害",
    "qin": "亲", "mo": "摸", "tou": "偷", "huo": "活", "jia": "家", "bao": "暴", "ti": "踢", "zou": "揍", "zhe": "着",
    "mei": "没", "chi": "吃", "fan": "饭", "huan": "还", "zai": "在", "ji": "己", "shou": "手",
    "hui": "会", "kan": "看", "dou": "都", "shi": "是", "tian": "天", "men": "们", "xue": "学", "lao": "老",
}
#: All pinyin syllables (without tones): a run of three or more of these is pinyin, not English.
_INITIALS = "b p m f d t n l g k h j q x zh ch sh r z c s y w".split()
_FINALS = ("a o e i u v ai ei ao ou an en ang eng ong er ia ie iao iu ian in iang ing iong ua uo uai ui uan un "
           "uang ue ve").split()
SYLLABLES = frozenset(i + f for i in ["", *_INITIALS] for f in _FINALS) - {"i", "u", "v"}

#: English spellings folded to one form before the English rules run.
ENGLISH = {
    "dont": "do not", "don't": "do not", "doesnt": "does not", "doesn't": "does not", "didnt": "did not",
    "didn't": "did not", "cant": "can not", "can't": "can not", "cannot": "can not", "wont": "will not",
    "won't": "will not", "isnt": "is not", "isn't": "is not", "im": "i am", "i'm": "i am", "ive": "i have",
    "i've": "i have", "havent": "have not", "haven't": "have not", "hes": "he is", "he's": "he is",
    "shes": "she is", "she's": "she is", "theres": "there is", "there's": "there is", "wanna": "want to",
    "gonna": "going to", "u": "you", "ur": "your", "pls": "please", "plz": "please", "evry": "every",
    "everyday": "every day", "dissapear": "disappear", "dissappear": "disappear", "tho": "though",
    "mom": "mum", "mommy": "mum", "mummy": "mum", "mother": "mum", "father": "dad", "daddy": "dad",
    "stepdad": "step dad", "stepmum": "step mum", "stepmom": "step mum", "kil": "kill", "myslef": "myself",
    "slef": "self", "nobodys": "nobody is", "noone": "no one",
    "kms": "kill myself", "unalive": "kill", "sucide": "suicide", "suicde": "suicide", "beated": "beat",
    "hitted": "hit", "hurted": "hurt", "pic": "photo", "pics": "photos", "picture": "photo",
    "pictures": "photos", "nude": "nudes", "naked": "nudes", "teh": "the", "bcos": "because",
    "becuase": "because", "cuz": "because", "coz": "because",
}

_T2S = opencc.OpenCC("t2s")
_CJK = r"\u3400-\u9fff\uf900-\ufaff"
#: Anything that is not a letter, digit, CJK character, clause punctuation or line break.
_SOFT_BETWEEN_CJK = re.compile(rf"(?<=[{_CJK}])[^\w{_CJK}，。！？；：,.!?;:\n“”「」\"'（）()]+(?=[{_CJK}])")
_LATIN_RUN = re.compile(r"[a-z]+(?:[ '][a-z]+)*")
_WORD = re.compile(r"[a-z']+")
_DA_BEFORE_VICTIM = re.compile(r"(?<![a-z])da(?=[我他她])")


def _replace_all(table: dict[str, str]) -> tuple[re.Pattern[str], dict[str, str]]:
    keys = sorted(table, key=len, reverse=True)
    return re.compile("|".join(re.escape(key) for key in keys)), table


_CANTONESE = _replace_all(CANTONESE)
_HOMOPHONES = re.compile(
    "|".join(rf"(?<![a-z]){re.escape(k)}(?![a-z])" if k.isascii() else re.escape(k)
             for k in sorted(HOMOPHONES, key=len, reverse=True)))


#: Two-syllable pinyin words that are read as characters even on their own ("zi sha", "gen zong").
PINYIN_PAIRS = frozenset({"zi sha", "xiang si", "jia bao", "da wo", "da ta", "gen zong", "luo zhao", "wei xie",
                          "bu xiang"})


def _pinyin_run(words: list[str]) -> str:
    return "".join(PINYIN.get(word, "·") for word in words)


def _fold_latin(match: re.Match[str]) -> str:
    """A run of Latin words: pinyin (3+ syllables, or a known pair) becomes characters; English is normalised."""
    words = match.group(0).replace("'", " ' ").split()
    plain = [w for w in words if w != "'"]
    if plain and all(w in SYLLABLES for w in plain) and (
            len(plain) >= 3 or " ".join(plain) in PINYIN_PAIRS):
        return _pinyin_run(plain)
    text = match.group(0)
    return _WORD.sub(lambda word: ENGLISH.get(word.group(0), word.group(0)), text)


@lru_cache(maxsize=2048)
def fold(text: str) -> str:
    """Return the folded form of ``text`` (see the module docstring); never raises for a string."""
    folded = unicodedata.normalize("NFKC", text).casefold()
    if not folded.isascii():
        folded = _T2S.convert(folded)
        pattern, table = _CANTONESE
        folded = pattern.sub(lambda m: table[m.group(0)], folded)
        folded = _SOFT_BETWEEN_CJK.sub("", folded)
    folded = _HOMOPHONES.sub(lambda m: HOMOPHONES[m.group(0)], folded)
    folded = _DA_BEFORE_VICTIM.sub("打", folded)
    folded = folded.replace("’", "'")
    return _LATIN_RUN.sub(_fold_latin, folded)

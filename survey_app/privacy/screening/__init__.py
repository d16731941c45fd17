"""Free-text screening at intake: personal details out, safeguarding concerns flagged (domain.md §6, SG5).

Call ``screen_text`` before an answer is stored anywhere staff can read it. Only
``ScreeningResult.redacted`` is kept for research; when ``concern`` is true the caller routes the
*original* text to the designated safeguarding lead only (SG3). Pure Python: no Flask, no database.

Placeholders (fixed set; type code → text that replaces the detail):

====================  ==============  =======================================================
code                  placeholder     what is detected
====================  ==============  =======================================================
``student_number``    〔学籍号〕      G/J + valid resident ID, or L + 18 characters
``resident_id``       〔身份证号〕    18 characters, MOD 11-2 check character, real birth date
``hk_id``             〔香港身份证〕  1-2 letters + 6 digits + check digit, brackets optional
``email``             〔邮箱〕        name@domain.tld
``url``               〔网址〕        http(s)://..., www...., bare domains such as abc.com/xyz
``mobile``            〔手机号〕      mainland mobile valid for ``phonenumbers`` (+86, 0086 allowed)
``hk_phone``          〔香港电话〕    +852 number, or 8 digits from 5/6/9 after a phone cue word
``landline``          〔电话〕        0755-12345678 style, or a number after 电话/座机/tel/phone
``social``            〔社交账号〕    QQ / WeChat / vx / wx ... id after the cue word
``address``           〔地址〕        3栋2单元501室, 5号楼, 门牌号 1802, road + house no., named estates
``school_class``      〔学校班级〕    三年级二班, 初二(3)班, Grade 5, named schools (福田区实验小学)
``name``              〔姓名〕        names after cues (我叫, 我同学, 王老师, my name is ...)
====================  ==============  =======================================================

Detection runs on an NFKC view of the text (full-width digits become ASCII) and on a compact view
with spaces and hyphens inside numbers removed; the redacted text otherwise keeps the child's own
characters. Overlapping detections merge, and the type earlier in the table wins.
"""

from .lexicon import load_default_terms
from .screen import (
    MAX_LENGTH,
    PLACEHOLDERS,
    ScreeningRefused,
    ScreeningResult,
    screen_lines,
    screen_text,
)

__all__ = [
    "MAX_LENGTH",
    "PLACEHOLDERS",
    "ScreeningRefused",
    "ScreeningResult",
    "load_default_terms",
    "screen_lines",
    "screen_text",
]

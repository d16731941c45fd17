"""The fixed words of the definition format: item types, tags, opt-outs, languages."""

from __future__ import annotations

LANGUAGES = ("zh", "en")

ITEM_TYPES = ("scale", "single", "multiple", "rank", "text", "number", "place", "note", "consent")
#: Types whose answer is one or more codes from a list (a scale or a choice list).
CHOICE_TYPES = ("scale", "single", "multiple", "rank", "consent")
#: Types that are not counted against a band's item cap and store no answer.
DISPLAY_TYPES = ("note",)

ACTIONS = {
    "safety": ("儿童安全保障", "Child safety"),
    "space": ("儿童友好型空间拓展", "Child-friendly space"),
    "participation": ("儿童参与实践", "Children's participation"),
    "welfare": ("儿童社会保障提升", "Social welfare for children"),
    "promotion": ("儿童友好宣传推广", "Promoting child-friendliness"),
    "policy": ("儿童公共政策研究", "Public policy research"),
}
SCALES = {"city": ("城市", "City"), "street": ("街区", "Street"), "community": ("社区", "Community")}
LUNDY = {"space": ("空间", "Space"), "voice": ("声音", "Voice"), "audience": ("听众", "Audience"),
         "influence": ("影响", "Influence")}
TAGS = {"action": ACTIONS, "scale": SCALES, "lundy": LUNDY}

#: Answers that are not an opinion, offered where an item lists them; stored with these codes.
OPTOUTS = {
    "dont_know": ("_dk", "不知道", "I don't know"),
    "not_applicable": ("_na", "不适用", "Doesn't apply to me"),
    "prefer_not": ("_pn", "我不想回答", "I don't want to answer"),
}
OPTOUT_CODES = {code for code, _, _ in OPTOUTS.values()}

SCALE_KEYS = ("faces", "pictures", "circles", "none")
SCALE_KINDS = ("agreement", "frequency", "satisfaction", "yes_no")
FACES = ("very_sad", "sad", "neutral", "happy", "very_happy", "thinking")
HARMONISE = ("agree_share", "mean_score", "distribution")
#: What an item is for. Indicators are counted in results and the plan's matrix; background items (gender,
#: home street, grade) and quasi-identifiers describe the child, carry no action or scale tag, and serve
#: as breakdowns, never as indicators.
ITEM_ROLES = ("indicator", "background", "quasi_identifier")
PLACE_LEVELS = ("district", "street", "community")
#: What every free-text box says above it.
NO_NAMES_PROMPT = {
    "zh": "请不要写名字、电话、地址、学校和班级。",
    "en": "Please don't write names, phone numbers, addresses, school or class.",
}
CODE_PATTERN = r"^[A-Z][A-Z0-9_]{1,19}$"
CHOICE_CODE_PATTERN = r"^[a-z0-9][a-z0-9_]{0,31}$"

"""Write the XLSForm corpus: workbooks in the styles of public KoboToolbox and ODK forms.

Each imitates how a real team writes a form (Kobo's formbuilder export, ODK's documentation
examples, old ODK Build sheets, hand-made multilingual forms) and uses the features field teams use:
metadata rows, groups and field-lists, likert and face choices, images, cascading selects,
select_one_from_file, or_other, calculate, repeats, several languages and version styles.

    python -m tests.questionnaires.xlsform_corpus.build OUTDIR   # writes OUTDIR/<name>.xlsx and media

The tests build the same workbooks in memory (``corpus()``).
"""

from __future__ import annotations

import io
import struct
import sys
import zlib
from dataclasses import dataclass, field
from pathlib import Path

import openpyxl

Rows = list[list]


@dataclass
class Form:
    name: str
    survey: Rows
    choices: Rows | None = None
    settings: Rows | None = None
    media: dict[str, bytes] = field(default_factory=dict)
    external: Rows | None = None
    #: Cells holding formulas Excel would calculate ("survey!C4": "=1+1"), saved without a value.
    formulas: dict[str, str] = field(default_factory=dict)

    def workbook(self) -> bytes:
        book = openpyxl.Workbook()
        book.remove(book.active)
        for title, rows in (("survey", self.survey), ("choices", self.choices), ("settings", self.settings),
                            ("external_choices", self.external)):
            if rows is not None:
                sheet = book.create_sheet(title)
                for row in rows:
                    sheet.append(row)
        for where, formula in self.formulas.items():
            title, cell = where.split("!")
            book[title][cell] = formula
        buffer = io.BytesIO()
        book.save(buffer)
        return buffer.getvalue()


def png(red: int, green: int, blue: int) -> bytes:
    """A 1x1 PNG of one colour (a stand-in for a form's picture)."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
    raw = zlib.compress(bytes([0, red, green, blue]))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", raw) + chunk(b"IEND", b""))


YES_NO = [["yes_no", "yes", "Yes", "是"], ["yes_no", "no", "No", "不是"]]


def kobo_school_safety() -> Form:
    """KoboToolbox formbuilder export: metadata, a field-list group, required, English-only messages, tags."""
    head = ["type", "name", "label::English (en)", "label::中文 (zh)", "hint::English (en)", "hint::中文 (zh)",
            "required", "relevant", "constraint", "constraint_message::English (en)", "appearance", "action_area",
            "spatial_scale", "lundy", "$kuid"]
    survey = [head,
              ["start", "start"], ["end", "end"], ["today", "today"], ["deviceid", "deviceid"],
              ["begin_group", "about_you", "About you", "关于你", None, None, None, None, None, None, "field-list"],
              ["integer", "age", "How old are you?", "你几岁？", "Write a number", "写一个数字", "true", None,
               ". >= 9 and . <= 17", "Please give an age from 9 to 17", None, "participation", "city", "voice", "k1"],
              ["select_one yes_no", "walk_alone", "Do you walk to school on your own?", "你自己走路上学吗？", None,
               None, "true", None, None, None, "horizontal", "safety", "street", "space", "k2"],
              ["end_group"],
              ["begin_group", "worries_group", "On the way", "上学路上", None, None, None, "${walk_alone} = 'yes'",
               None, None, "field-list", "safety", "street", "voice"],
              ["select_multiple worries", "worries", "What worries you on the way?", "路上什么让你担心？",
               "Choose up to 3", "最多选3个", None, None,
               "not(selected(., 'none') and count-selected(.) > 1) and count-selected(.) <= 3",
               "Choose up to 3, or only 'nothing'", "minimal"],
              ["text", "safe_story", "Tell us about a place where you feel safe", "说说一个让你觉得安全的地方",
               None, None, None, "not(selected(${worries}, 'none'))", "string-length(.) <= 150",
               "At most 150 characters", "multiline"],
              ["end_group"],
              ["note", "thanks", "Thank you!", "谢谢你！"]]
    choices = [["list_name", "name", "label::English (en)", "label::中文 (zh)"], *YES_NO,
               ["worries", "cars", "Fast cars", "车开得快"], ["worries", "dark", "Dark streets", "路太黑"],
               ["worries", "strangers", "Strangers", "陌生人"], ["worries", "ebikes", "E-bikes on the pavement",
                                                                   "人行道上的电动车"],
               ["worries", "none", "Nothing", "没有"]]
    settings = [["form_title", "form_id", "version", "default_language", "style"],
                ["上学路上安全调查 / Safe Routes to School", "safe_routes_2026", 2026112801, "English (en)", "pages"]]
    return Form("kobo_school_safety", survey, choices, settings)


def odk_likert_faces() -> Form:
    """ODK docs style: Chinese columns first, likert appearances, face and picture images, a media folder."""
    head = ["type", "name", "label::Chinese (zh)", "label::English (en)", "appearance", "relevant"]
    survey = [head,
              ["select_one agree5", "park_safe", "公园让我觉得安全。", "The park feels safe to me.", "likert"],
              ["select_one agree5", "park_fun", "公园里有好玩的东西。", "The park has fun things to do.", "likert"],
              ["select_one mood", "mood", "今天你感觉怎么样？", "How do you feel today?"],
              ["select_one places", "favourite", "你最喜欢去哪里？", "Where do you most like to go?", "columns-2"],
              ["select_one agree5", "park_clean", "公园很干净。", "The park is clean.", "likert",
               "selected(${favourite}, 'playground')"]]
    choices = [["list_name", "name", "label::Chinese (zh)", "label::English (en)", "media::image"],
               ["agree5", "1", "非常不同意", "Strongly disagree", "face1.png"],
               ["agree5", "2", "不同意", "Disagree", "face2.png"],
               ["agree5", "3", "说不清", "Neither", "face3.png"],
               ["agree5", "4", "同意", "Agree", "face4.png"],
               ["agree5", "5", "非常同意", "Strongly agree", "face5.png"],
               ["agree5", "99", "不知道", "Don't know", None],
               ["mood", "sad", "不开心", "Sad", "sad.png"], ["mood", "ok", "还行", "OK", "neutral.png"],
               ["mood", "happy", "开心", "Happy", "happy.png"],
               ["places", "playground", "游乐场", "Playground", "playground.png"],
               ["places", "library", "图书馆", "Library", "library.jpg"],
               ["places", "riverside", "河边", "Riverside", "riverside.jpg"]]
    settings = [["form_title", "form_id", "version", "action", "scale", "lundy"],
                ["公园和心情 / Parks and mood", "parks-mood", "2026-11-28", "space", "community", "voice"]]
    media = {name: png(20 * i, 120, 200) for i, name in enumerate(
        ["face1.png", "face2.png", "face3.png", "face4.png", "face5.png", "sad.png", "neutral.png", "happy.png",
         "playground.png", "library.jpg"])}  # riverside.jpg is missing, as happens
    return Form("odk_likert_faces", survey, choices, settings, media)


def kobo_cascade() -> Form:
    """Kobo cascading select: district, then street filtered by district (label::zh / label::en style)."""
    survey = [["type", "name", "label::zh", "label::en", "choice_filter", "relevant", "tags"],
              ["select_one district", "district", "你住在哪个区？", "Which district do you live in?", None, None,
               "action=space scale=city lundy=space"],
              ["select_one street", "street", "哪个街道？", "Which street area?", "district=${district}", None,
               "action=space scale=street lundy=space"],
              ["text", "street_idea", "这个街道需要什么？", "What does this street area need?", None,
               "${street} = 'lianhua' or ${street} = 'nanyuan'", "action=policy scale=street lundy=voice"]]
    choices = [["list_name", "name", "label::zh", "label::en", "district"],
               ["district", "futian", "福田区", "Futian", None], ["district", "luohu", "罗湖区", "Luohu", None],
               ["district", "nanshan", "南山区", "Nanshan", None],
               ["street", "lianhua", "莲花街道", "Lianhua", "futian"], ["street", "nanyuan", "南园街道", "Nanyuan",
                                                                     "futian"],
               ["street", "dongmen", "东门街道", "Dongmen", "luohu"], ["street", "guiyuan", "桂园街道", "Guiyuan",
                                                                    "luohu"],
               ["street", "shekou", "蛇口街道", "Shekou", "nanshan"]]
    settings = [["form_title", "form_id", "version"], ["我的街道 / My street", "my_street", "3"]]
    return Form("kobo_cascade", survey, choices, settings)


def odk_from_file_or_other() -> Form:
    """ODK: select_one_from_file and select_multiple_from_file CSV lists, and or_other."""
    survey = [["type", "name", "label::English (en)", "label::中文 (zh)", "parameters", "action", "scale",
               "lundy"],
              ["select_one_from_file schools.csv", "school_type", "What kind of school do you go to?",
               "你上哪种学校？", None, "Child safety", "City", "Voice"],
              ["select_multiple_from_file activities.csv", "activities", "What do you do after school?",
               "放学后你做什么？", "value=code label=text", "儿童参与实践", "社区", "声音"],
              ["select_one transport or_other", "transport", "How do you get to school?", "你怎么去上学？", None,
               "safety", "street", "voice"]]
    choices = [["list_name", "name", "label::English (en)", "label::中文 (zh)"],
               ["transport", "walk", "Walk", "走路"], ["transport", "bus", "Bus", "公交车"],
               ["transport", "car", "Car", "汽车"]]
    settings = [["form_title", "form_id", "version"], ["After school 放学以后", "after_school", "7"]]
    schools = "\ufeffname,label::English (en),label::中文 (zh)\npublic,Public school,公立学校\n" \
              "private,Private school,私立学校\n"
    activities = "code,text::English (en),text::中文 (zh)\nsport,Sport,运动\nhomework,Homework,写作业\n" \
                 "play,Play outside,在外面玩\n"
    media = {"schools.csv": schools.encode("utf-8"), "activities.csv": activities.encode("utf-8")}
    return Form("odk_from_file_or_other", survey, choices, settings, media)


def kobo_household_repeat() -> Form:
    """A household survey: repeat, repeat_count from a calculate, a location, a date of birth and a photo."""
    survey = [["type", "name", "label::English (en)", "label::中文 (zh)", "repeat_count", "calculation"],
              ["integer", "n_people", "How many people live in your home?", "你家住几个人？"],
              ["calculate", "n_rounds", None, None, None, "${n_people} - 1"],
              ["geopoint", "home_location", "Where is your home?", "你家在哪里？"],
              ["begin_repeat", "person", "Person", "家人", "${n_rounds}"],
              ["text", "person_name", "Name", "名字"],
              ["date", "birthday", "Birthday", "生日"],
              ["end_repeat"],
              ["image", "home_photo", "Take a photo of your home", "拍一张你家的照片"]]
    settings = [["form_title", "form_id", "version"], ["Household", "household", "1"]]
    return Form("kobo_household_repeat", survey, None, settings)


def odk_calculate() -> Form:
    """ODK calculations: used in relevance (written into it), unused (dropped), and hidden fields."""
    survey = [["type", "name", "label::English (en)", "label::中文 (zh)", "calculation", "relevant", "tags"],
              ["calculate", "started", None, None, "once(today())"],
              ["hidden", "project", None, None],
              ["integer", "age", "How old are you?", "你几岁？", None, None, "action=participation scale=city "
                                                                           "lundy=voice"],
              ["calculate", "is_teen", None, None, "${age} >= 13"],
              ["select_multiple worries", "worries", "What worries you?", "你担心什么？", None, None,
               "action=safety scale=community lundy=voice"],
              ["calculate", "n_worries", None, None, "count-selected(${worries})"],
              ["text", "worry_more", "Tell us more about your worries", "多说说你的担心", None,
               "${n_worries} >= 2 and ${is_teen}", "action=safety scale=community lundy=voice"],
              ["note", "teen_note", "Thanks for helping!", "谢谢你的帮助！", None, "${is_teen}"]]
    choices = [["list_name", "name", "label::English (en)", "label::中文 (zh)"],
               ["worries", "traffic", "Traffic", "交通"], ["worries", "bullying", "Bullying", "欺凌"],
               ["worries", "noise", "Noise", "噪音"]]
    settings = [["form_title", "form_id", "version"], ["Worries 担心", "worries", "20261128"]]
    return Form("odk_calculate", survey, choices, settings)


def multilingual() -> Form:
    """Four languages in any order; a hint and a constraint message in some of them only."""
    survey = [["type", "name", "label::English (en)", "label::Français (fr)", "label::中文 (zh)", "label::Español (es)",
               "hint::English (en)", "hint::Français (fr)", "constraint", "constraint_message::English (en)",
               "action", "scale", "lundy"],
              ["integer", "days_outside", "How many days did you play outside last week?",
               "Combien de jours as-tu joué dehors ?", "上周你有几天在外面玩？", "¿Cuántos días jugaste fuera?",
               "Count the days", "Compte les jours", ". <= 7", "A week has 7 days", "space", "community", "space"],
              ["select_one yes_no", "has_park", "Is there a park near your home?", "Y a-t-il un parc ?",
               "你家附近有公园吗？", "¿Hay un parque?", None, None, None, None, "space", "community", "space"]]
    choices = [["list_name", "name", "label::English (en)", "label::Français (fr)", "label::中文 (zh)",
                "label::Español (es)"],
               ["yes_no", "yes", "Yes", "Oui", "是", "Sí"], ["yes_no", "no", "No", "Non", "不是", "No"]]
    settings = [["form_title", "form_id", "version", "default_language"],
                ["Playing outside", "playing_outside", "v2", "English (en)"]]
    return Form("multilingual", survey, choices, settings)


def unmarked_chinese_label() -> Form:
    """A Chinese team's form: ``label`` without a language holds Chinese, no settings sheet at all."""
    survey = [["type", "name", "label", "label::English", "hint", "action", "scale", "lundy"],
              ["select_one freq", "library_visits", "你多久去一次图书馆？", "How often do you go to the library?",
               "选一个", "space", "community", "space"],
              ["text", "library_wish", "你希望图书馆有什么？", "What do you wish the library had?", None, "policy",
               "community", "voice"]]
    choices = [["list_name", "name", "label", "label::English"],
               ["freq", "never", "从不", "Never"], ["freq", "sometimes", "有时", "Sometimes"],
               ["freq", "often", "经常", "Often"]]
    return Form("unmarked_chinese_label", survey, choices, None)


def legacy_single_colon() -> Form:
    """Old ODK Build style: ``Label:English``, spaced types, ``relevance``, ``list name``, ``AND``."""
    survey = [["Type", "Name", "Label:English", "Label:Chinese", "Relevance", "Constraining message:English",
               "Constraining message:Chinese", "Constraint", "Action", "Scale", "Lundy"],
              ["begin group", "street_life", "Street life", "街道生活"],
              ["select one yes_no", "play_street", "Do you play in your street?", "你在街上玩吗？", None, None, None,
               None, "space", "street", "space"],
              ["integer", "play_hours", "How many hours a week?", "每周几个小时？", "${play_street} = 'yes' AND "
               "${play_street} != ''", "From 0 to 40", "0到40", ". >= 0 and . <= 40", "space", "street", "space"],
              ["end group"]]
    choices = [["list name", "name", "Label:English", "Label:Chinese"], *YES_NO]
    settings = [["form_title", "form_id", "version"], ["Street life 街道生活", "street_life", "1"]]
    return Form("legacy_single_colon", survey, choices, settings)


def nested_groups_and_types() -> Form:
    """Nested groups with table-list, acknowledge, range, decimal, rank, long names, media on questions."""
    survey = [["type", "name", "label::English (en)", "label::中文 (zh)", "appearance", "parameters",
               "guidance_hint::English (en)", "media::audio::English (en)", "relevant", "action", "scale",
               "lundy"],
              ["begin_group", "outer", "Your neighbourhood", "你的社区", None, None, None, None, None, "space",
               "community", "voice"],
              ["acknowledge", "ready", "Ready to start?", "准备好了吗？"],
              ["range", "how_safe_do_you_feel_walking_home", "How safe do you feel walking home (0-10)?",
               "走路回家你觉得有多安全（0-10）？", "rating", "start=0 end=10 step=1", "Read the scale aloud",
               "safe.mp3"],
              ["begin_group", "inner", "Your ideas", "你的想法", "table-list"],
              ["decimal", "km_to_school", "How far is school (km)?", "学校有多远（公里）？", None, None, None, None,
               "${how_safe_do_you_feel_walking_home} < 5"],
              ["rank priorities", "priorities", "Put these in order", "请排序"],
              ["end_group"],
              ["select_one yes_no", "more_parks", "Should there be more parks?", "应该有更多公园吗？", "minimal"],
              ["end_group"]]
    choices = [["list_name", "name", "label::English (en)", "label::中文 (zh)"],
               ["yes_no", "Yes", "Yes", "是"], ["yes_no", "No", "No", "不是"],
               ["priorities", "parks", "Parks", "公园"], ["priorities", "pavements", "Pavements", "人行道"],
               ["priorities", "lights", "Street lights", "路灯"]]
    settings = [["form_title", "form_id", "version"], ["邻里 / Neighbourhood", "neighbourhood", "5"]]
    return Form("nested_groups_and_types", survey, choices, settings)


def traditional_chinese() -> Form:
    """A Hong Kong team's form: Traditional Chinese and English labels."""
    survey = [["type", "name", "label::English (en)", "label::繁體中文 (zh-Hant)", "action", "scale", "lundy"],
              ["select_one yes_no", "ask_adults", "Do adults ask what you think?", "大人會問你的想法嗎？",
               "participation", "community", "audience"]]
    choices = [["list_name", "name", "label::English (en)", "label::繁體中文 (zh-Hant)"],
               ["yes_no", "yes", "Yes", "會"], ["yes_no", "no", "No", "不會"]]
    settings = [["form_title", "form_id", "version"], ["Being heard 被聆聽", "being_heard", "2"]]
    return Form("traditional_chinese", survey, choices, settings)


def kobo_score_and_rank() -> Form:
    """KoboToolbox formbuilder's own Rating (begin_score) and Ranking (begin_rank) blocks."""
    survey = [["type", "name", "label::English (en)", "label::中文 (zh)", "kobo--score-choices", "kobo--rank-items",
               "required", "action", "scale", "lundy", "$kuid"],
              ["begin_score", "school_rating", "How much do you agree?", "你有多同意？", "agree4", None, None,
               "participation", "community", "voice", "a1"],
              ["score__row", "heard", "Adults at school listen to me", "学校里的大人会听我说", None, None, "true"],
              ["score__row", "ideas", "My ideas change things", "我的想法能带来改变"],
              ["end_score"],
              ["begin_rank", "top_changes", "What should change first?", "先改变什么？", None, "changes", None,
               "policy", "city", "influence"],
              ["rank__level", "first", "1st choice", "第一"], ["rank__level", "second", "2nd choice", "第二"],
              ["end_rank"]]
    choices = [["list_name", "name", "label::English (en)", "label::中文 (zh)"],
               ["agree4", "sd", "Strongly disagree", "非常不同意"], ["agree4", "d", "Disagree", "不同意"],
               ["agree4", "a", "Agree", "同意"], ["agree4", "sa", "Strongly agree", "非常同意"],
               ["changes", "parks", "Parks", "公园"], ["changes", "roads", "Safer roads", "更安全的道路"],
               ["changes", "clubs", "Clubs", "兴趣小组"]]
    settings = [["form_title", "form_id", "version"], ["学校与我 / School and me", "school_me", "2026113001"]]
    return Form("kobo_score_and_rank", survey, choices, settings)


def kobo_table_list() -> Form:
    """KoboToolbox's Download XLS of a rating: a table-list group, a header row, list-nolabel rows."""
    survey = [["type", "name", "label::English (en)", "label::中文 (zh)", "appearance", "tags"],
              ["begin_group", "safety_table", "How safe do you feel?", "你觉得有多安全？", "field-list",
               "action=safety scale=street lundy=space"],
              ["select_one safe3", "safety_table_header", "How safe do you feel?", "你觉得有多安全？", "label"],
              ["select_one safe3", "at_school", "At school", "在学校", "list-nolabel"],
              ["select_one safe3", "on_the_way", "On the way to school", "上学路上", "list-nolabel"],
              ["end_group"]]
    choices = [["list_name", "name", "label::English (en)", "label::中文 (zh)"],
               ["safe3", "unsafe", "Not safe", "不安全"], ["safe3", "bit", "A bit safe", "有点安全"],
               ["safe3", "safe", "Safe", "安全"]]
    settings = [["form_title", "form_id", "version"], ["安全 / Safety", "safety_table", "2"]]
    return Form("kobo_table_list", survey, choices, settings)


def many_problems() -> Form:
    """A form with a dozen different mistakes: every one must come out in one run, at its cell."""
    survey = [["type", "name", "label::English (en)", "label::中文 (zh)", "relevant", "action", "scale", "lundy"],
              ["select_one colours", "fav_colour", "Favourite colour?", "你最喜欢的颜色？", None, "space", "city",
               "voice"],                                                                  # row 2: unknown list
              ["text", "idea", "Your idea", None, None, "space", "city", "voice"],           # row 3: no Chinese
              ["text", "idea", "Another idea", "另一个想法", None, "space", "city", "voice"],  # row 4: duplicate
              ["integer", "age", "Age", "年龄", "${age} + 1 > 2", "space", "city", "voice"],  # row 5: arithmetic
              ["geotrace", "route", "Your route", "你的路线", None, "space", "city", "voice"],  # row 6: refused
              ["text", "later", "Later", "以后", "${not_yet} = 'x'", "space", "city", "voice"],  # row 7: later ref
              ["text", "not_yet", "Not yet", "还没有", None, "spaceship", "city", "voice"],   # row 8: bad tag
              ["end_group"],                                                             # row 9: no begin
              ["begin_repeat", "kids", "Kids", "孩子"],                                  # row 10: repeat, no end
              ["integer", "kid_age", "Age", "年龄", None, "space", "city", "voice"]]
    settings = [["form_title", "form_id", "version"], ["Broken 坏表", "broken", None]]
    return Form("many_problems", survey, None, settings, formulas={"settings!C2": "=TEXT(NOW(),\"yyyymmdd\")"})


BUILDERS = (kobo_school_safety, odk_likert_faces, kobo_cascade, odk_from_file_or_other, kobo_household_repeat,
            odk_calculate, multilingual, unmarked_chinese_label, legacy_single_colon, nested_groups_and_types,
            traditional_chinese, kobo_score_and_rank, kobo_table_list, many_problems)


def corpus() -> list[Form]:
    return [build() for build in BUILDERS]


def main(folder: str) -> None:
    out = Path(folder)
    out.mkdir(parents=True, exist_ok=True)
    for form in corpus():
        (out / f"{form.name}.xlsx").write_bytes(form.workbook())
        if form.media:
            media = out / f"{form.name}-media"
            media.mkdir(exist_ok=True)
            for name, content in form.media.items():
                (media / name).write_bytes(content)
    print(f"wrote {len(BUILDERS)} workbooks to {out}")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "xlsform-corpus")

"""`flask privacy screen`: the engine's command line, one text per line in, one JSON object per line out."""

import json

from survey_app.auth.models import Role
from survey_app.safeguarding.services import save_lexicon


def test_screen_command_writes_json_lines(runner):
    result = runner.invoke(args=["privacy", "screen", "--default-terms"],
                           input="我的电话是13800138000\n我不想活了\n\n" + "x" * 6000 + "\n")
    lines = [json.loads(line) for line in result.output.splitlines()]
    assert lines[0]["redacted"] == "我的电话是〔手机号〕" and lines[0]["detected"] == ["mobile"]
    assert lines[1]["concern"] is True
    assert lines[2] == {"redacted": "", "detected": [], "concern": False}
    assert lines[3]["error"]


def test_screen_command_uses_the_terms_the_lead_saved(runner, db, make_user):
    save_lexicon("紫色怪兽\n", actor=make_user(Role.SAFEGUARDING))
    db.session.commit()
    saved = json.loads(runner.invoke(args=["privacy", "screen"], input="我梦见紫色怪兽\n").output)
    shipped = json.loads(runner.invoke(args=["privacy", "screen", "--default-terms"], input="我梦见紫色怪兽\n").output)
    assert (saved["concern"], shipped["concern"]) == (True, False)

"""`flask questionnaires load/list`: immutable versions, nothing partial."""

import shutil
from pathlib import Path

from sqlalchemy import func, select

from survey_app.questionnaires.models import QuestionnaireItem, QuestionnaireVersion

FIXTURES = Path(__file__).parent / "fixtures"


def _copy_valid(tmp_path: Path) -> Path:
    root = tmp_path / "defs"
    shutil.copytree(FIXTURES / "valid", root)
    return root


def _count(db, model):
    return db.session.scalar(select(func.count()).select_from(model))


def test_load_stores_version_with_tagged_items_and_list_shows_it(runner, db, tmp_path):
    root = _copy_valid(tmp_path)
    result = runner.invoke(args=["questionnaires", "load", "--path", str(root)])
    assert result.exit_code == 0, result.output
    assert "loaded     park-check v1" in result.output
    version = db.session.scalar(select(QuestionnaireVersion))
    assert version.version == 1 and version.title_en == "The park near my home"
    items = {i.code: i for i in version.items}
    assert items["K02"].action == "space" and items["K02"].scale == "community" and items["K02"].bands == "A,D"
    listing = runner.invoke(args=["questionnaires", "list"])
    assert "park-check v1" in listing.output and "8 items" in listing.output


def test_loading_again_is_a_no_op(runner, db, tmp_path):
    root = _copy_valid(tmp_path)
    runner.invoke(args=["questionnaires", "load", "--path", str(root)])
    again = runner.invoke(args=["questionnaires", "load", "--path", str(root)])
    assert again.exit_code == 0 and "unchanged  park-check v1" in again.output
    assert _count(db, QuestionnaireVersion) == 1


def test_changed_content_under_same_version_is_refused(runner, db, tmp_path):
    root = _copy_valid(tmp_path)
    runner.invoke(args=["questionnaires", "load", "--path", str(root)])
    path = root / "example" / "instrument.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("我喜欢吃冰淇淋。", "我喜欢吃西瓜。"), encoding="utf-8")
    refused = runner.invoke(args=["questionnaires", "load", "--path", str(root)])
    assert refused.exit_code != 0
    assert "already loaded with other content" in refused.output and "raise its version number" in refused.output
    path.write_text(path.read_text(encoding="utf-8").replace("version: 1", "version: 2"), encoding="utf-8")
    accepted = runner.invoke(args=["questionnaires", "load", "--path", str(root)])
    assert accepted.exit_code == 0 and "loaded     park-check v2" in accepted.output
    assert _count(db, QuestionnaireVersion) == 2


def test_broken_definitions_load_nothing(runner, db, tmp_path):
    root = _copy_valid(tmp_path)
    shutil.copytree(FIXTURES / "broken" / "many-problems", root / "many-problems")
    result = runner.invoke(args=["questionnaires", "load", "--path", str(root)])
    assert result.exit_code != 0 and "nothing was loaded" in result.output
    assert _count(db, QuestionnaireVersion) == 0 and _count(db, QuestionnaireItem) == 0


def test_demo_mode_loads_the_shipped_instrument(app, runner, db):
    app.config["DEMO"] = True
    result = runner.invoke(args=["demo", "load"])
    assert result.exit_code == 0, result.output
    slugs = db.session.scalars(select(QuestionnaireVersion.definition)).all()
    assert any(d["id"] == "me-and-my-city" for d in slugs)


def test_demo_data_is_refused_outside_demo_mode(runner, db):
    result = runner.invoke(args=["demo", "load"])
    assert result.exit_code != 0 and "only loaded in demo mode" in result.output
    assert _count(db, QuestionnaireVersion) == 0


def test_staff_download_a_band_as_xlsform(client, login_as, shipped_version):
    import io

    import openpyxl

    from survey_app.auth.models import Role

    login_as(Role.RESEARCHER)
    response = client.get(f"/questionnaires/versions/{shipped_version.id}/xlsform?band=B")
    assert response.status_code == 200 and "band-B.xlsx" in response.headers["Content-Disposition"]
    workbook = openpyxl.load_workbook(io.BytesIO(response.data))
    assert {"survey", "choices", "settings"} <= set(workbook.sheetnames)
    assert client.get(f"/questionnaires/versions/{shipped_version.id}/xlsform?band=Z").status_code == 404

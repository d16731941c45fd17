"""Places: CSV import (all or nothing), short names, the admin page and the options list."""

import io
from pathlib import Path

import pytest
from sqlalchemy import func, select

from survey_app.auth.models import Role
from survey_app.places.models import Place
from survey_app.places.services import PlacesInvalid, import_places

REFERENCE = Path(__file__).resolve().parents[3] / "shared" / "reference" / "places" / "shenzhen.csv"
DEMO = Path(__file__).resolve().parents[2] / "survey_app" / "demo" / "places.csv"
GOOD = "code,name,level,parent_code\n440304,福田区,district,4403\n440304001,南园街道,street,440304\n" \
       "440304001020,南园社区居委会,community,440304001\n"


def _count(db):
    return db.session.scalar(select(func.count()).select_from(Place))


def test_import_and_short_names(db):
    result = import_places(GOOD)
    assert (result.added, result.updated) == (3, 0)
    community = db.session.get(Place, "440304001020")
    assert community.short_name == "南园社区" and community.parent_code == "440304001"
    again = import_places(GOOD.replace("南园街道", "南园街道办"))
    assert (again.added, again.updated) == (0, 1)


@pytest.mark.parametrize("text, message", [
    ("code,name\n1,x\n", "line 1: the first line must be"),
    (GOOD + "44030400,bad,street,440304\n", "a street code has 9 digits"),
    (GOOD + "440305001,wrong parent,street,440304\n", "must begin with its parent's code"),
    (GOOD + "440304002,x,village,440304\n", "level 'village'"),
    (GOOD + "440304001,dup,street,440304\n", "appears twice"),
    (GOOD + "440306001001,orphan,community,440306001\n", "parent 440306001 is neither"),
    (GOOD + "440304002,,street,440304\n", "a name of 1 to 100"),
    (GOOD + "440304002,x,street\n", "needs 4 columns"),
])
def test_bad_rows_import_nothing_and_name_the_line(db, text, message):
    with pytest.raises(PlacesInvalid) as caught:
        import_places(text)
    assert any(message in p for p in caught.value.problems), caught.value.problems
    assert _count(db) == 0


def test_the_demo_set_imports(db):
    assert import_places(DEMO.read_text(encoding="utf-8")).added >= 10


@pytest.mark.skipif(not REFERENCE.exists(), reason="the Shenzhen reference file sits beside the project only")
def test_the_full_shenzhen_reference_file_imports(db):
    result = import_places(REFERENCE.read_text(encoding="utf-8"))
    assert result.added == 876
    counts = dict(db.session.execute(select(Place.level, func.count()).group_by(Place.level)).all())
    assert counts == {"district": 9, "street": 79, "community": 788}
    assert db.session.get(Place, "440306019001").short_name == "黄麻布社区"


def test_cli_import(runner, db, tmp_path):
    path = tmp_path / "p.csv"
    path.write_text(GOOD, encoding="utf-8")
    assert runner.invoke(args=["places", "import", str(path)]).exit_code == 0
    path.write_text(GOOD + "bad,row,x,y\n", encoding="utf-8")
    bad = runner.invoke(args=["places", "import", str(path)])
    assert bad.exit_code != 0 and "line 5" in bad.output


def test_admin_uploads_a_places_file(client, db, login_as):
    login_as(Role.ADMIN)
    response = client.post("/places/", data={"file": (io.BytesIO(GOOD.encode()), "places.csv")},
                           content_type="multipart/form-data")
    assert response.status_code == 302
    assert _count(db) == 3
    bad = client.post("/places/", data={"file": (io.BytesIO(b"\xff\xfe garbage"), "places.csv")},
                      content_type="multipart/form-data")
    assert bad.status_code == 200 and _count(db) == 3


def test_options_list_children_for_cascading_choice(client, db, login_as):
    import_places(GOOD)
    db.session.commit()
    login_as(Role.FACILITATOR)
    streets = client.get("/places/options?level=street&parent=440304").json["places"]
    assert streets == [{"code": "440304001", "name": "南园街道"}]
    assert client.get("/places/options?level=planet").status_code == 400

"""Integer ids in staff URLs: anything outside the database's integer range is a 404, never a 500."""

import pytest

from survey_app.auth.models import Role

HUGE = "1" + "0" * 24  # 25 digits: overflows every database's integer


@pytest.mark.parametrize("path", [
    f"/sessions/{HUGE}", f"/sessions/{HUGE}/edit", f"/sessions/{HUGE}/progress", f"/sessions/{HUGE}/sheet",
    f"/sessions/{HUGE}/letter", f"/auth/users/{HUGE}", f"/questionnaires/versions/{HUGE}",
    f"/questionnaires/versions/{HUGE}/xlsform", f"/results/{HUGE}", f"/results/{HUGE}/results.csv",
    "/sessions/2147483648", "/sessions/9223372036854775808",
])
def test_an_id_beyond_the_database_range_is_not_found(client, login_as, path):
    login_as(Role.ADMIN, Role.FACILITATOR, Role.RESEARCHER)
    assert client.get(path).status_code == 404


@pytest.mark.parametrize("path", [f"/sessions/{HUGE}/consent", f"/sessions/{HUGE}/action", f"/auth/users/{HUGE}"])
def test_posting_to_an_id_beyond_the_range_is_not_found(client, login_as, path):
    login_as(Role.ADMIN, Role.FACILITATOR)
    assert client.post(path, data={}).status_code == 404


def test_digits_of_other_scripts_are_not_a_second_address_for_a_page(client, login_as, make_session):
    login_as(Role.ADMIN)
    session = make_session()
    assert client.get(f"/sessions/{session.id}").status_code == 200
    fullwidth = str(session.id).translate(str.maketrans("0123456789", "０１２３４５６７８９"))
    assert client.get(f"/sessions/{fullwidth}").status_code == 404


def test_the_largest_stored_id_still_works(client, login_as, app):
    login_as(Role.ADMIN)
    assert client.get("/sessions/2147483647").status_code == 404  # in range: looked up, not found

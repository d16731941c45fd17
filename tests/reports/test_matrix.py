"""The plan's matrix: six action areas × three scales, drilling city → district → street → community
until disclosure control stops it; a small place never comes back as its parent minus its siblings."""

import re

from survey_app.auth.models import Role
from survey_app.privacy.disclosure import Audience
from survey_app.reports.matrix import plan_matrix


def _fill(make_session, kiosk_submit, place, n, value="a"):
    session = make_session(place=place)
    for i in range(n):
        kiosk_submit(session, "C", {"S01": value if i % 4 else "d"})
    return session


def _cell_text(html, action_label):
    row = re.search(rf"<th scope=\"row\">{action_label}\s.*?</th>(.*?)</tr>", html, re.S).group(1)
    return [re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", td)).strip() for td in re.findall(r"<td.*?</td>", row, re.S)]


def test_the_city_matrix_shows_each_cell_with_its_questions(client, login_as, make_session, kiosk_submit,
                                                            shipped_version):
    _fill(make_session, kiosk_submit, "440304002016", 16)
    _fill(make_session, kiosk_submit, "440304001", 16)
    login_as(Role.RESEARCHER)
    client.get("/lang/en")
    html = client.get(f"/results/{shipped_version.id}/matrix").get_data(as_text=True)
    city, street, community = _cell_text(html, "Child safety")
    assert re.match(r"\d+% n ≥ \d+", street) and "S01" in street  # 24 of 32 agree, perturbed
    assert "S04" in community and "no answers" in community
    assert "Public policy research" in html and "heat-" in html
    assert "福田区" in html  # the district to drill into


def test_a_small_street_is_hidden_and_so_is_its_sibling(make_session, kiosk_submit, shipped_version):
    _fill(make_session, kiosk_submit, "440304002016", 20)
    _fill(make_session, kiosk_submit, "440304001", 4)
    district = plan_matrix(shipped_version, "440304", Audience.INTERNAL)
    assert district.cells[("safety", "street")].score.value is not None  # 24 children in the district
    assert {child.place.code: child.cells_shown for child in district.children} == {"440304001": 0, "440304002": 0}
    small = plan_matrix(shipped_version, "440304001", Audience.INTERNAL)
    large = plan_matrix(shipped_version, "440304002", Audience.INTERNAL)
    assert small.cells[("safety", "street")].score.display == "LOW"
    # 20 children pass alone, but district minus this street would give the small one away
    assert large.cells[("safety", "street")].score.display == "*"


def test_two_passing_streets_are_both_shown(make_session, kiosk_submit, shipped_version):
    _fill(make_session, kiosk_submit, "440304002016", 12)
    _fill(make_session, kiosk_submit, "440304001", 12)
    district = plan_matrix(shipped_version, "440304", Audience.INTERNAL)
    assert {child.place.code: child.cells_shown for child in district.children} == {"440304001": 1, "440304002": 1}
    community = plan_matrix(shipped_version, "440304002016", Audience.INTERNAL)
    assert community.cells[("safety", "street")].score.value is not None and community.children == ()


def test_the_public_matrix_needs_three_schools(make_session, kiosk_submit, shipped_version):
    _fill(make_session, kiosk_submit, "440304002016", 40)
    city = plan_matrix(shipped_version, None, Audience.PUBLIC)
    assert city.cells[("safety", "street")].score.suppressed  # one school


def test_odd_places_give_a_clear_page(client, login_as, make_session, kiosk_submit, shipped_version):
    _fill(make_session, kiosk_submit, "440304002016", 12)
    login_as(Role.RESEARCHER)
    client.get("/lang/en")
    for place in ("999999", "440304999", "4403", "<b>", "1" * 400):
        response = client.get(f"/results/{shipped_version.id}/matrix", query_string={"place": place})
        assert response.status_code == 200, place
    html = client.get(f"/results/{shipped_version.id}/matrix?place=999999").get_data(as_text=True)
    assert "There is no such district, street or community" in html
    assert client.get("/results/424242/matrix").status_code == 404


def test_facilitators_cannot_read_the_matrix(client, login_as, shipped_version):
    login_as(Role.FACILITATOR)
    assert client.get(f"/results/{shipped_version.id}/matrix").status_code == 403

"""One question's results by band, place, setting and period: distributions, shares with intervals,
perturbed and disclosure-controlled, with an empty state instead of an error for odd filters."""

import html as html_lib
import re
from dataclasses import replace

import pytest

from survey_app.auth.models import Role
from survey_app.privacy.disclosure import Audience
from survey_app.questionnaires.services import find_version, get_definition
from survey_app.reports.distributions import POOLED, _means, wilson_interval
from survey_app.reports.services import Tally


def _page(client, version, code, **args):
    response = client.get(f"/results/{version.id}/items/{code}", query_string=args)
    return response.status_code, response.get_data(as_text=True)


def _fill_s01(make_session, kiosk_submit, n=30, **session_args):
    session = make_session(**session_args)
    for i in range(n):
        kiosk_submit(session, "B", {"S01": ["yes", "no", "sometimes"][i % 3]})
    return session


def test_wilson_interval_matches_the_textbook_values():
    low, high = wilson_interval(10, 20)
    assert (round(low, 3), round(high, 3)) == (0.299, 0.701)
    assert wilson_interval(0, 10)[0] == 0.0 and wilson_interval(10, 10)[1] == 1.0


def test_a_scale_item_shows_each_answer_with_share_and_interval(client, login_as, make_session, kiosk_submit,
                                                                shipped_version):
    _fill_s01(make_session, kiosk_submit)
    login_as(Role.RESEARCHER)
    client.get("/lang/en")
    status, html = _page(client, shipped_version, "S01")
    assert status == 200
    for label in ("Not true", "Sometimes true", "True"):
        assert label in html
    assert "–" in html and "<svg" in html and "<title" in html  # intervals, and a chart with a title
    assert "no answers" in html  # band A: nobody, said in words


def test_a_small_count_is_hidden_and_cannot_be_had_from_the_base(client, login_as, make_session, kiosk_submit,
                                                                 shipped_version):
    session = make_session()
    for value in ["yes"] * 20 + ["no"] * 3:
        kiosk_submit(session, "B", {"S01": value})
    login_as(Role.RESEARCHER)
    client.get("/lang/en")
    _, html = _page(client, shipped_version, "S01", band="B")
    table = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html.split('id="group-B"')[1].split("</table>")[0]))
    assert re.search(r"Not true &lt;10 \*", table)  # the three "no", count and share hidden
    # and "yes" with them: otherwise the base minus "yes" gives the hidden count back
    assert re.search(r" True \* \*", table)


def test_multiple_choice_shares_are_of_the_children_who_answered(client, login_as, make_session, kiosk_submit,
                                                                 shipped_version):
    session = make_session()
    for i in range(20):
        kiosk_submit(session, "C", {"S07": ["dark", "crossing"] if i % 2 else ["dark"]})
    login_as(Role.RESEARCHER)
    client.get("/lang/en")
    _, html = _page(client, shipped_version, "S07", band="C")
    assert "Streets that are too dark" in html and "Road crossings" in html
    # every child chose "dark": near 100 % of the 20 who answered (perturbed), never 2/3 of all selections
    assert any(f">{p}%<" in html for p in range(90, 101))


@pytest.mark.parametrize("args", [
    {"place": "440305"},            # another district: no session there
    {"place": "999999999"},         # not a place at all
    {"place": "<script>"},
    {"band": "Z"},
    {"setting": "prison"},
    {"first_month": "2099-01"},
    {"first_month": "2026-12", "last_month": "2026-01"},
])
def test_filters_that_match_nothing_give_an_empty_state(client, login_as, make_session, kiosk_submit,
                                                        shipped_version, args):
    _fill_s01(make_session, kiosk_submit, n=12)
    login_as(Role.RESEARCHER)
    client.get("/lang/en")
    status, html = _page(client, shipped_version, "S01", **args)
    assert status == 200 and "No answers for these filters" in html
    assert "<script>" not in html.split("</head>")[1]


@pytest.mark.parametrize("args", [{"first_month": "2026-13"}, {"last_month": "last year"}, {"audience": "root"},
                                  {"first_month": "\x00"}, {"place": "4" * 500}])
def test_odd_filter_values_never_break_the_page(client, login_as, make_session, kiosk_submit, shipped_version, args):
    _fill_s01(make_session, kiosk_submit, n=12)
    login_as(Role.RESEARCHER)
    assert _page(client, shipped_version, "S01", **args)[0] == 200


def test_place_and_setting_filters_keep_their_sessions(client, login_as, make_session, kiosk_submit,
                                                       shipped_version):
    _fill_s01(make_session, kiosk_submit, n=12)
    login_as(Role.RESEARCHER)
    client.get("/lang/en")
    for args in ({"place": "440304"}, {"place": "440304002"}, {"setting": "school"}):
        _, html = _page(client, shipped_version, "S01", **args)
        assert "No answers for these filters" not in html, args


def test_the_public_view_hides_figures_from_one_school(client, login_as, make_session, kiosk_submit,
                                                       shipped_version):
    _fill_s01(make_session, kiosk_submit, n=40)
    login_as(Role.RESEARCHER)
    _, html = _page(client, shipped_version, "S01", audience="public")
    assert "%<" not in html.split("<table")[1]  # no share in the table: one school only


def test_a_free_text_item_shows_only_how_many_answered(client, login_as, make_session, kiosk_submit,
                                                       shipped_version):
    session = make_session()
    for i in range(12):
        kiosk_submit(session, "D", {"O04": f"多建一些公园{i}"})
    login_as(Role.RESEARCHER)
    client.get("/lang/en")
    _, html = _page(client, shipped_version, "O04")
    assert "Children who wrote an answer" in html and "多建一些公园" not in html


def test_a_number_item_shows_median_and_quartiles(client, login_as, make_session, kiosk_submit, shipped_version):
    version = find_version("park-check", 1)
    session = make_session(version=version, bands=("D",))
    for days in [0, 1, 1, 2, 2, 2, 3, 3, 4, 5, 6, 7]:
        kiosk_submit(session, "D", {"K05": days})
    login_as(Role.RESEARCHER)
    client.get("/lang/en")
    _, html = _page(client, version, "K05")
    assert "Median" in html and ">2.0<" in html  # the 6th of 12 values


def test_an_unknown_question_is_not_found_and_facilitators_are_refused(client, login_as, shipped_version):
    login_as(Role.RESEARCHER)
    assert _page(client, shipped_version, "NOPE")[0] == 404
    assert _page(client, shipped_version, "X" * 300)[0] == 404
    login_as(Role.FACILITATOR)
    assert _page(client, shipped_version, "S01")[0] == 403


def test_area_tallies_and_session_tallies_give_the_same_counts(make_session, kiosk_submit, shipped_version):
    from survey_app.reports.distributions import ResultFilters, filtered_tallies

    for place, n in [("440304002016", 7), ("440304001", 5), ("440304002017", 3)]:
        session = make_session(place=place)
        for i in range(n):
            kiosk_submit(session, "B", {"S01": ["yes", "no"][i % 2]})
    for place in ("440304", "440304002", "440304002016", "440304001", None):
        by_area = filtered_tallies(shipped_version, "S01", ResultFilters(place=place))
        by_session = filtered_tallies(shipped_version, "S01", ResultFilters(place=place, setting="school"))
        assert by_area == by_session and by_area, place  # every test session is a school
    assert filtered_tallies(shipped_version, "S01", ResultFilters(place="44")) == {}


@pytest.mark.parametrize("path", [
    "/items/S01?place=%ED%A0%80&band=%ED%A0%80",          # a lone surrogate, as raw UTF-8 bytes
    "/items/%ED%A0%80", "/items/S01?first_month=9" + "9" * 400, "/items/S01?band=B&band=C&band=" + "Z" * 5000,
    "/items/S01?audience[]=public&place[x]=1", "/matrix?place=%ED%A0%80", "/matrix?place=" + "%00" * 50,
])
def test_hostile_query_strings_get_a_page_or_not_found_never_an_error(client, login_as, shipped_version, path):
    login_as(Role.RESEARCHER)
    assert client.get(f"/results/{shipped_version.id}{path}").status_code in (200, 404)


def test_a_rank_item_shows_the_share_ranking_each_option_first_and_mean_points(client, login_as, make_session,
                                                                               kiosk_submit, shipped_version):
    from survey_app.fieldwork.tallies import check_tallies

    session = make_session()
    for i in range(30):
        kiosk_submit(session, "D", {"O06": ["safety", "nature", "voice"] if i < 20 else ["nature", "safety", "voice"]})
    assert check_tallies() == []  # the positions intake counted are what the answers give
    login_as(Role.RESEARCHER)
    client.get("/lang/en")
    _, html = _page(client, shipped_version, "O06", band="D")
    table = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html.split("<table")[1].split("</table>")[0]))
    assert "Ranked first" in table and "Mean points" in table
    # safety: first for 20 of 30 (67 %), points (20×3 + 10×2)/30 = 2.67; voice: never first, always third
    safety = re.search(r"Make streets and neighbourhoods safer (\d+) (\d+)% \S+ (\d+)% (\d\.\d\d)", table)
    voice = re.search(r"Listen to young people and tell us what happened (\d+) (\d+)% \S+ (\d+)% (\d\.\d\d)", table)
    assert safety and voice, table
    assert 55 <= int(safety[3]) <= 78 and 2.3 <= float(safety[4]) <= 3.0
    assert int(voice[3]) == 0 and 0.8 <= float(voice[4]) <= 1.2
    client.get("/lang/zh")
    assert "排第一" in client.get(f"/results/{shipped_version.id}/items/O06?band=D").get_data(as_text=True)


def test_an_item_shown_only_to_some_says_how_many_were_asked(client, login_as, make_session, kiosk_submit,
                                                            shipped_version):
    session = make_session()
    for i in range(40):  # R04 is asked only of children who made a suggestion (R08 yes): 24 of 40
        answers = {"R08": "yes", "R04": "m"} if i % 5 < 3 and i % 6 else {"R08": "yes"} if i % 5 < 3 else {"R08": "no"}
        kiosk_submit(session, "D", answers)
    asked, answered = 24, sum(1 for i in range(40) if i % 5 < 3 and i % 6)
    login_as(Role.RESEARCHER)
    client.get("/lang/en")
    _, html = _page(client, shipped_version, "R04")
    heading = re.search(r"Asked: (\d+) · Answered \(base\): (\d+)", re.sub(r"<[^>]+>", "", html))
    assert heading, html
    assert abs(int(heading.group(1)) - asked) <= 2 and abs(int(heading.group(2)) - answered) <= 2  # perturbed ±2
    _, r08 = _page(client, shipped_version, "R08")  # no rule: every response of the band was asked
    assert abs(int(re.search(r"Asked: (\d+)", re.sub(r"<[^>]+>", "", r08)).group(1)) - 40) <= 2
    client.get("/lang/zh")
    assert "被问到的人数" in _page(client, shipped_version, "R04")[1]


def _breakdown_cells(html, label):
    section = html.split('id="breakdown"')[1]
    row = re.search(rf"<td>{re.escape(label)}</td>(.*?)</tr>", section, re.S).group(1)
    return [html_lib.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", cell)).strip())
            for cell in re.findall(r"<td class=\"num\">(.*?)</td>", row, re.S)]


def test_an_item_broken_down_by_gender_adds_up_and_hides_small_cells(client, login_as, make_session,
                                                                      kiosk_submit, shipped_version):
    from survey_app.fieldwork.tallies import check_tallies

    session = make_session()
    for i in range(60):  # 30 girls, 24 boys, 6 who would rather not say
        gender = "girl" if i < 30 else "boy" if i < 54 else "_pn"
        kiosk_submit(session, "D", {"S01": "a" if i % 3 else "d", "GENDER": gender})
    assert check_tallies() == []
    login_as(Role.RESEARCHER)
    client.get("/lang/en")
    status, html = _page(client, shipped_version, "S01", by="GENDER")
    assert status == 200 and "By GENDER" in html
    bases = _breakdown_cells(html, "Answered (base)")
    assert len(bases) == 3  # boys, girls (in the list order), not given
    assert abs(int(bases[0]) - 24) <= 2 and abs(int(bases[1]) - 30) <= 2
    assert bases[2] in ("<10", "LOW", "*")  # the six who did not say are too few to show
    # ... and so is a second cell of each row, so the six cannot be had from the item's own total
    for label in ("Mostly not true", "A bit true"):
        if label in html.split('id="breakdown"')[1]:
            assert sum(1 for cell in _breakdown_cells(html, label) if "*" in cell or "<10" in cell) != 1
    _, filtered = _page(client, shipped_version, "S01", by="GENDER", setting="school")
    assert "remove the setting and period filters" in filtered
    client.get("/lang/zh")
    assert "按 GENDER 细分" in _page(client, shipped_version, "S01", by="GENDER")[1]


@pytest.mark.parametrize("by", ["NOPE", "S01", "HOME_STREET", "x" * 5000, "%00", "GENDER"])
def test_odd_breakdowns_are_ignored_or_shown_never_an_error(client, login_as, make_session, kiosk_submit,
                                                             shipped_version, by):
    _fill_s01(make_session, kiosk_submit, n=12)
    login_as(Role.RESEARCHER)
    for code in ("S01", "O04", "O06"):
        assert _page(client, shipped_version, code, by=by)[0] == 200


def test_a_scale_item_shows_its_mean_score_per_band(client, login_as, make_session, kiosk_submit, shipped_version):
    session = make_session()
    for i in range(20):  # half 'a' (0.75), half 'sa' (1.0): mean 0.875
        kiosk_submit(session, "D", {"S01": "a" if i % 2 else "sa"})
    login_as(Role.RESEARCHER)
    client.get("/lang/en")
    _, html = _page(client, shipped_version, "S01")
    table = html.split("Mean score (0 = the lowest answer")[1].split("</table>")[0]
    mean = float(re.search(r'<td class="num">([\d.]+)</td>', table).group(1))
    assert 0.8 <= mean <= 0.95  # perturbed counts move it a little


def test_a_mean_score_item_pools_bands_on_different_scales_by_their_scores(app, shipped_version):
    example = find_version("park-check", 1)
    item = replace(get_definition(example).item("K02"), harmonise="mean_score")
    tallies = {"A": {"no": Tally(0, 0), "yes": Tally(20, 2000)},        # faces: all 1.0
               "D": {"sd": Tally(20, 2000), "_dk": Tally(5, 500)}}      # agree5: all 0.0, opt-outs left out
    means = _means(item, ["A", "D"], tallies, Audience.INTERNAL, None)
    assert means["A"].value == 1.0 and means["D"].value == 0.0
    assert 0.4 <= means[POOLED].value <= 0.6
    assert POOLED not in _means(replace(item, harmonise="agree_share"), ["A", "D"], tallies, Audience.INTERNAL, None)
    small = _means(item, ["A"], {"A": {"yes": Tally(4, 400)}}, Audience.INTERNAL, None)
    assert small["A"].value is None  # four children: too few to show


def test_a_mean_is_hidden_beside_a_hidden_count(client, login_as, make_session, kiosk_submit, shipped_version):
    session = make_session()
    for value in ["yes"] * 20 + ["no"] * 3:  # mean × base would give the three "no" back
        kiosk_submit(session, "B", {"S01": value})
    login_as(Role.RESEARCHER)
    client.get("/lang/en")
    _, html = _page(client, shipped_version, "S01", band="B")
    table = html.split("Mean score (0 = the lowest answer")[1].split("</table>")[0]
    assert not re.search(r'<td class="num">[\d.]+</td>', table) and "*" in table


def test_a_scale_item_draws_each_band_as_a_stacked_bar_grey_where_hidden(client, login_as, make_session,
                                                                         kiosk_submit, shipped_version):
    session = make_session()
    for value in ["yes"] * 20 + ["no"] * 3 + ["sometimes"] * 12:
        kiosk_submit(session, "B", {"S01": value})
    login_as(Role.RESEARCHER)
    client.get("/lang/en")
    _, html = _page(client, shipped_version, "S01")
    chart = html.split('id="stacked-title"')[1].split("</svg>")[0]
    segments = re.findall(r'<rect x="([\d.]+)" y="[\d.]+" width="([\d.]+)" height="22" fill="(#[0-9a-f]+)">'
                          r"<title>([^<]*)</title>", chart)
    assert segments, chart
    assert "#bdbdbd" in [fill for _, _, fill, _ in segments]  # the three "no" (and a second) are hidden
    assert sum(float(width) for _, width, _, _ in segments) == pytest.approx(400, abs=1)
    assert not any("no" == title.split()[0].lower() for *_, title in segments)  # no segment for the hidden

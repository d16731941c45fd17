"""Hand-checked examples for the disclosure-control engine (domain.md section 7)."""

from dataclasses import FrozenInstanceError

import pytest

from survey_app.privacy.disclosure import (
    TOTAL,
    AreaCount,
    Audience,
    DisclosurePolicy,
    Reason,
    check_k_anonymity,
    k_anonymise,
    protect_count,
    protect_mean,
    protect_shares,
    protect_table,
    roll_up_areas,
)

POLICY = DisclosurePolicy()
PUBLIC = Audience.PUBLIC
INTERNAL = Audience.INTERNAL


# --- policy -------------------------------------------------------------------------------------


def test_policy_defaults_match_domain_section_7():
    assert (POLICY.min_base_percent, POLICY.min_settings_area, POLICY.small_count_max) == (30, 3, 9)
    assert (POLICY.rounding_base, POLICY.extreme_share_n, POLICY.extreme_share_pct) == (5, 100, 5)
    assert (POLICY.internal_min_cell, POLICY.k) == (10, 10)


def test_policy_is_frozen():
    with pytest.raises(FrozenInstanceError):
        POLICY.k = 5  # type: ignore[misc]


def test_policy_from_mapping_reads_prefixed_keys_and_ignores_others():
    config = {"DISCLOSURE_PUBLIC_MIN_BASE": 50, "DISCLOSURE_K": "12", "SECRET_KEY": "x", "DEBUG": True}
    policy = DisclosurePolicy.from_mapping(config)
    assert policy.min_base_percent == 50
    assert policy.k == 12
    assert policy.internal_min_cell == 10


def test_policy_round_trips_through_config_keys():
    policy = DisclosurePolicy(k=15, rounding_base=10)
    assert DisclosurePolicy.from_mapping(policy.to_mapping()) == policy


@pytest.mark.parametrize(
    "config",
    [
        {"DISCLOSURE_PUBLIC_MIN_BAS": 30},  # a typo must not silently keep the default
        {"DISCLOSURE_RESEARCHER_K": True},
        {"DISCLOSURE_RESEARCHER_K": "ten"},
        {"DISCLOSURE_RESEARCHER_K": 0},
        {"DISCLOSURE_RESEARCHER_K": 10, "DISCLOSURE_K": 11},
        {"DISCLOSURE_PUBLIC_EXTREME_SHARE_PCT": 50},
    ],
)
def test_policy_from_mapping_rejects_bad_settings(config):
    with pytest.raises((ValueError, TypeError)):
        DisclosurePolicy.from_mapping(config)


# --- counts -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("n", "display"),
    [(0, "0"), (1, "<10"), (5, "<10"), (9, "<10"), (10, "10"), (12, "10"), (13, "15"), (17, "15"), (18, "20")],
)
def test_protect_count_public_rounds_and_hides_small_counts(n, display):
    cell = protect_count(n, audience=PUBLIC, policy=POLICY)
    assert cell.display == display
    assert cell.suppressed == (display == "<10")
    assert cell.count == (None if cell.suppressed else int(display))


def test_protect_count_internal_needs_ten_and_is_not_rounded():
    assert protect_count(9, audience=INTERNAL, policy=POLICY).reason == Reason.SMALL_COUNT
    assert protect_count(10, audience=INTERNAL, policy=POLICY).display == "10"
    assert protect_count(12, audience=INTERNAL, policy=POLICY).display == "12"


def test_protect_count_public_area_needs_three_settings():
    assert protect_count(40, audience=PUBLIC, policy=POLICY, settings_count=2).reason == Reason.FEW_SETTINGS
    assert protect_count(40, audience=PUBLIC, policy=POLICY, settings_count=3).display == "40"
    assert protect_count(40, audience=INTERNAL, policy=POLICY, settings_count=1).display == "40"


def test_protect_count_follows_a_stricter_policy():
    cms = DisclosurePolicy.from_mapping(
        {"DISCLOSURE_PUBLIC_SMALL_COUNT_MAX": 10, "DISCLOSURE_PUBLIC_ROUNDING_BASE": 10}
    )
    assert protect_count(10, audience=PUBLIC, policy=cms).display == "<11"
    assert protect_count(14, audience=PUBLIC, policy=cms).display == "10"
    assert protect_count(15, audience=PUBLIC, policy=cms).display == "20"


def test_protect_count_researcher_aggregates_follow_the_internal_rule():
    assert protect_count(9, audience=Audience.RESEARCHER, policy=POLICY).display == "<10"
    assert protect_count(11, audience=Audience.RESEARCHER, policy=POLICY).display == "11"


def test_protect_count_rejects_negative_counts():
    with pytest.raises(ValueError):
        protect_count(-1, audience=PUBLIC, policy=POLICY)


# --- shares and means ---------------------------------------------------------------------------


def test_protect_shares_base_29_is_low_and_30_is_shown():
    low = protect_shares({"agree": 20}, 29, audience=PUBLIC, policy=POLICY)
    assert low["agree"].display == "LOW"
    assert low["agree"].reason == Reason.LOW_BASE
    assert protect_shares({"agree": 20}, 30, audience=PUBLIC, policy=POLICY)["agree"].display == "67%"


def test_protect_shares_codes_extremes_in_small_groups():
    cells = protect_shares({"yes": 49, "no": 1}, 50, audience=PUBLIC, policy=POLICY)
    assert cells["yes"].display == "≥95%"
    assert cells["no"].display == "≤5%"
    assert cells["yes"].reason == Reason.CODED
    assert cells["yes"].value is None


def test_protect_shares_shows_extremes_in_groups_of_100():
    cells = protect_shares({"yes": 98, "no": 2}, 100, audience=PUBLIC, policy=POLICY)
    assert (cells["yes"].display, cells["no"].display) == ("98%", "2%")


def test_protect_shares_uses_unrounded_counts():
    # 13/40 = 32.5% -> 33%; the rounded count 15 would have given 38%.
    assert protect_shares({"yes": 13}, 40, audience=PUBLIC, policy=POLICY)["yes"].display == "33%"


def test_protect_shares_hides_a_share_that_would_reveal_a_coded_zero():
    # 60% + 40% would show that nobody chose "unsure"; hiding "no" keeps "unsure" inside 0-5%.
    cells = protect_shares({"yes": 30, "no": 20, "unsure": 0}, 50, audience=PUBLIC, policy=POLICY)
    assert [cells[key].display for key in ("yes", "no", "unsure")] == ["60%", "*", "≤5%"]
    assert cells["no"].reason == Reason.COMPLEMENTARY


def test_protect_shares_multiple_choice_needs_no_complement():
    cells = protect_shares({"park": 30, "library": 20, "zoo": 0}, 40, audience=PUBLIC, policy=POLICY)
    assert [cell.display for cell in cells.values()] == ["75%", "50%", "≤5%"]


def test_protect_shares_suppresses_area_with_two_settings():
    cells = protect_shares({"yes": 30}, 60, audience=PUBLIC, policy=POLICY, settings_count=2)
    assert cells["yes"].reason == Reason.FEW_SETTINGS
    assert cells["yes"].suppressed


def test_protect_shares_internal_needs_base_ten_and_does_not_code():
    assert protect_shares({"yes": 9}, 9, audience=INTERNAL, policy=POLICY)["yes"].suppressed
    assert protect_shares({"yes": 10}, 10, audience=INTERNAL, policy=POLICY)["yes"].display == "100%"


def test_protect_mean_follows_the_base_rule():
    assert protect_mean(3.44, 29, audience=PUBLIC, policy=POLICY).display == "LOW"
    assert protect_mean(3.44, 30, audience=PUBLIC, policy=POLICY).display == "3.4"


# --- tables -------------------------------------------------------------------------------------


def test_protect_table_adds_complementary_suppressions():
    counts = {("r1", "a"): 3, ("r1", "b"): 20, ("r1", "c"): 30, ("r2", "a"): 15, ("r2", "b"): 25, ("r2", "c"): 40}
    table = protect_table(counts, audience=PUBLIC, policy=POLICY)
    # 3 is primary; 20 covers it in r1, 15 covers it in column a, 25 closes the rectangle.
    assert table.csv_rows(corner="band") == [
        ["band", "a", "b", "c", "Total"],
        ["r1", "<10", "*", "30", "55"],
        ["r2", "*", "*", "40", "80"],
        ["Total", "20", "45", "70", "135"],
    ]
    assert table.cell("r2", "b").reason == Reason.COMPLEMENTARY
    assert table.grand_total.count == 135


def test_protect_table_closes_a_bridge_the_line_rule_misses():
    # Two suppressed rectangles joined through row r4: every line has two suppressions, yet
    # (r4, c0) = (c0 + c1 totals) - (r0 + r1 totals) - (r4, c1) is exact. Hiding 20 and then 25
    # puts r4's suppressions on cycles.
    rows = {"r0": [5, 5, 50, 60], "r1": [5, 5, 70, 80], "r2": [90, 100, 5, 5], "r3": [110, 120, 5, 5]}
    rows["r4"] = [5, 20, 5, 25]
    counts = {(row, f"c{j}"): value for row, values in rows.items() for j, value in enumerate(values)}
    table = protect_table(counts, audience=PUBLIC, policy=POLICY)
    assert table.csv_rows()[5] == ["r4", "<10", "*", "<10", "*", "55"]
    assert sum(cell.reason == Reason.COMPLEMENTARY for cell in table.cells.values()) == 2


def test_protect_table_single_column_hides_the_matching_total():
    table = protect_table({("r1", "a"): 5, ("r2", "a"): 40, ("r3", "a"): 50}, audience=PUBLIC, policy=POLICY)
    assert [row[1:] for row in table.csv_rows()[1:]] == [["<10", "<10"], ["*", "*"], ["50", "50"], ["95", "95"]]


def test_protect_table_without_small_cells_only_rounds():
    table = protect_table(
        {("r1", "a"): 12, ("r1", "b"): 13, ("r2", "a"): 0, ("r2", "b"): 22}, audience=PUBLIC, policy=POLICY
    )
    assert not any(cell.suppressed for cell in table.cells.values())
    assert table.csv_rows()[1:] == [["r1", "10", "15", "25"], ["r2", "0", "20", "20"], ["Total", "10", "35", "45"]]


def test_protect_table_internal_shows_ten_and_hides_nine():
    counts = {("r1", "a"): 9, ("r1", "b"): 10, ("r2", "a"): 10, ("r2", "b"): 11}
    table = protect_table(counts, audience=INTERNAL, policy=POLICY)
    assert table.cell("r1", "a").display == "<10"
    assert {table.cell("r1", "b").display, table.cell("r2", "a").display} == {"*"}
    assert table.row_total("r1").display == "19"
    assert table.column_total("b").display == "21"


def test_protect_table_suppresses_cells_with_few_settings():
    counts = {("r1", "a"): 40, ("r1", "b"): 50, ("r2", "a"): 60, ("r2", "b"): 70}
    settings = {("r1", "a"): 2, ("r1", "b"): 3, ("r2", "a"): 3, ("r2", "b"): 3}
    table = protect_table(counts, audience=PUBLIC, policy=POLICY, settings=settings)
    assert table.cell("r1", "a").reason == Reason.FEW_SETTINGS
    assert sum(cell.suppressed for cell in table.cells.values()) == 4  # a rectangle


def test_protect_table_rejects_the_reserved_total_label():
    with pytest.raises(ValueError):
        protect_table({(TOTAL, "a"): 1}, audience=PUBLIC, policy=POLICY)


# --- areas --------------------------------------------------------------------------------------

STREET = "440303001"


def _area(n, *settings):
    return AreaCount(n=n, settings=frozenset(settings))


def test_roll_up_areas_small_community_rolls_up_to_its_street():
    areas = {STREET + "001": _area(60, "s1", "s2", "s3"), STREET + "002": _area(12, "s4")}
    result = roll_up_areas(areas, policy=POLICY)
    # 002 alone fails; 001 is hidden too, or street minus 001 would give 002 (differencing).
    assert result.rolled_up == {STREET + "001": STREET, STREET + "002": STREET}
    assert result.complementary == {STREET + "001"}
    assert result.published[STREET].n == 72
    assert result.published[STREET].settings == {"s1", "s2", "s3", "s4"}


def test_roll_up_areas_two_small_communities_cover_each_other():
    areas = {
        STREET + "001": _area(20, "a", "b"),
        STREET + "002": _area(15, "c"),
        STREET + "003": _area(100, "d", "e", "f"),
    }
    result = roll_up_areas(areas, policy=POLICY)
    assert set(result.published) == {"4403", "440303", STREET, STREET + "003"}
    assert result.rolled_up == {STREET + "001": STREET, STREET + "002": STREET}
    assert not result.complementary


def test_roll_up_areas_community_with_two_settings_is_not_published():
    areas = {STREET + "001": _area(80, "a", "b"), STREET + "002": _area(90, "c", "d", "e")}
    result = roll_up_areas(areas, policy=POLICY)
    assert STREET + "001" not in result.published
    assert result.published[STREET].n == 170


def test_roll_up_areas_small_street_rolls_up_to_its_district():
    areas = {
        "440303001001": _area(10, "a"),
        "440303002001": _area(50, "b", "c", "d"),
        "440303003001": _area(60, "e", "f", "g"),
    }
    result = roll_up_areas(areas, policy=POLICY)
    assert result.rolled_up == {"440303001001": "440303", "440303002001": "440303"}
    assert result.complementary == {"440303002"}
    assert {"440303003", "440303003001"} <= set(result.published)


def test_roll_up_areas_withholds_everything_when_the_city_fails():
    result = roll_up_areas({STREET + "001": _area(20, "a", "b", "c")}, policy=POLICY)
    assert result.published == {}
    assert result.rolled_up == {STREET + "001": None}


def test_roll_up_areas_internal_needs_only_ten():
    areas = {STREET + "001": _area(10, "a"), STREET + "002": _area(12, "b")}
    result = roll_up_areas(areas, policy=POLICY, audience=INTERNAL)
    assert {STREET + "001", STREET + "002"} <= set(result.published)


def test_roll_up_areas_sums_answer_counts():
    areas = {
        STREET + "001": AreaCount(n=20, settings=frozenset("ab"), values={"yes": 5}),
        STREET + "002": AreaCount(n=20, settings=frozenset("c"), values={"yes": 7, "no": 1}),
    }
    assert roll_up_areas(areas, policy=POLICY).published[STREET].values == {"yes": 12, "no": 1}


@pytest.mark.parametrize("codes", [["440303", "440303001"], ["4403030"], ["44030300100a"]])
def test_roll_up_areas_rejects_overlapping_or_bad_codes(codes):
    with pytest.raises(ValueError):
        roll_up_areas({code: _area(50, "a", "b", "c") for code in codes}, policy=POLICY)


# --- k-anonymity --------------------------------------------------------------------------------

QIS = ["band", "gender", "setting", "place_code"]


def _records(place, count, band="11-13", gender="F"):
    return [{"band": band, "gender": gender, "setting": "s1", "place_code": place, "w05": 3}] * count


def test_k_anonymise_generalises_small_communities_to_their_street():
    records = _records(STREET + "001", 3) + _records(STREET + "002", 2) + _records(STREET + "003", 1)
    result = k_anonymise(records, QIS, k=3)
    assert [record["place_code"] for record in result.records] == [STREET + "001"] * 3 + [STREET] * 3
    assert result.generalised == {"street": 3}
    assert result.suppressed == 0
    assert check_k_anonymity(result.records, QIS, 3)


def test_k_anonymise_pulls_in_a_big_community_to_reach_k():
    records = _records(STREET + "001", 4) + _records(STREET + "002", 3) + _records(STREET + "003", 1)
    result = k_anonymise(records, QIS, k=3)
    # 002 stays; 003 alone is 1 < 3, so the smallest big community (002) joins it at street level.
    assert [record["place_code"] for record in result.records] == [STREET + "001"] * 4 + [STREET] * 4
    assert result.generalised == {"street": 4}


def test_k_anonymise_generalises_to_district_before_suppressing():
    records = _records("440303001001", 5) + _records("440303002001", 5)
    result = k_anonymise(records, QIS, k=10)
    assert {record["place_code"] for record in result.records} == {"440303"}
    assert result.suppressed == 0
    assert result.generalised == {"district": 10}


def test_k_anonymise_suppresses_records_that_cannot_reach_k_in_their_district():
    records = _records("440303001001", 10) + _records("440303001001", 1, gender="M")
    result = k_anonymise(records, QIS, k=10)
    assert result.suppressed_indices == (10,)
    assert len(result.records) == 10
    assert result.generalised == {}
    assert check_k_anonymity(result.records, QIS, 10)


def test_k_anonymise_keeps_records_without_a_place_only_in_big_classes():
    records = _records(None, 3) + _records(None, 1, band="8-10")
    result = k_anonymise(records, QIS, k=3)
    assert result.suppressed_indices == (3,)


def test_k_anonymise_rejects_bad_place_codes():
    with pytest.raises(ValueError):
        k_anonymise(_records("4403", 1), QIS, k=2)


def test_check_k_anonymity_counts_equivalence_classes():
    records = _records("440303", 2) + _records("440304", 1)
    assert check_k_anonymity(records, QIS, 1)
    assert not check_k_anonymity(records, QIS, 2)
    assert check_k_anonymity(records, ["band"], 3)
    assert check_k_anonymity([], QIS, 10)

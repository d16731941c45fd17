"""Property-based tests for the disclosure-control engine (hypothesis)."""

from collections import Counter
from fractions import Fraction

from hypothesis import example, given, settings
from hypothesis import strategies as st

from survey_app.privacy.disclosure import (
    TOTAL,
    AreaCount,
    Audience,
    DisclosurePolicy,
    check_k_anonymity,
    k_anonymise,
    parent_code,
    protect_shares,
    protect_table,
    roll_up_areas,
)

POLICY = DisclosurePolicy()
FAST = settings(max_examples=200, deadline=None)

# Small counts are drawn often so suppression actually happens; every count stays within 0..200.
COUNT = st.one_of(st.integers(0, 15), st.integers(0, 200))

# Found by a random search: with the line rule alone, (r3, c0) and (r3, c1) stay derivable.
_BRIDGE_ROWS = [[10, 127, 8, 73], [58, 150, 9, 162], [10, 8, 163, 10], [4, 8, 12, 64], [111, 1, 44, 8]]
BRIDGE_CASE = (
    {(f"r{i}", f"c{j}"): value for i, values in enumerate(_BRIDGE_ROWS) for j, value in enumerate(values)},
    Audience.PUBLIC,
    None,
)


@st.composite
def tables(draw):
    rows = [f"r{i}" for i in range(draw(st.integers(1, 6)))]
    columns = [f"c{j}" for j in range(draw(st.integers(1, 6)))]
    counts = {(row, column): draw(COUNT) for row in rows for column in columns}
    audience = draw(st.sampled_from(list(Audience)))
    settings_map = None
    if audience is Audience.PUBLIC and draw(st.booleans()):
        settings_map = {key: draw(st.integers(0, 5)) for key in counts}
    return counts, audience, settings_map


def _grid(counts):
    """Return the true table with its margins, keyed like ProtectedTable.cells."""
    grid = dict(counts)
    for row, column in counts:
        for key in ((row, TOTAL), (TOTAL, column), (TOTAL, TOTAL)):
            grid[key] = grid.get(key, 0) + counts[(row, column)]
    return grid


def _lines(grid):
    """Each grid row and grid column is a published equation: inner cells minus its total = 0.

    Returns (entries, total) pairs; the total of grid row r is (r, TOTAL), of grid column c (TOTAL, c).
    """
    lines = {}
    for row, column in grid:
        lines.setdefault((row, TOTAL), []).append((row, column))
        lines.setdefault((TOTAL, column), []).append((row, column))
    return [(entries, total) for total, entries in lines.items()]


def _rank(matrix):
    rows = [[Fraction(value) for value in row] for row in matrix]
    rank, width = 0, len(rows[0]) if rows else 0
    for column in range(width):
        pivot = next((i for i in range(rank, len(rows)) if rows[i][column] != 0), None)
        if pivot is None:
            continue
        rows[rank], rows[pivot] = rows[pivot], rows[rank]
        for i in range(len(rows)):
            if i != rank and rows[i][column] != 0:
                factor = rows[i][column] / rows[rank][column]
                rows[i] = [a - factor * b for a, b in zip(rows[i], rows[rank], strict=True)]
        rank += 1
    return rank


def _derivable(grid, suppressed):
    """Return the suppressed entries an attacker can solve exactly from the published entries.

    x is determined by the equations iff dropping its column from the system lowers the rank.
    """
    unknowns = sorted(suppressed)
    matrix = [
        [(-1 if entry == total else 1) if entry in entries else 0 for entry in unknowns]
        for entries, total in _lines(grid)
    ]
    full = _rank(matrix)
    return {
        entry
        for index, entry in enumerate(unknowns)
        if _rank([row[:index] + row[index + 1 :] for row in matrix]) < full
    }


@FAST
@given(tables())
def test_protect_table_publishes_nothing_below_its_threshold(case):
    counts, audience, settings_map = case
    table = protect_table(counts, audience=audience, policy=POLICY, settings=settings_map)
    grid = _grid(counts)
    public = audience is Audience.PUBLIC
    minimum = POLICY.small_count_max + 1 if public else POLICY.internal_min_cell
    for key, cell in table.cells.items():
        if cell.suppressed:
            assert cell.count is None
            continue
        assert grid[key] == 0 or grid[key] >= minimum
        if settings_map is not None and grid[key] > 0 and TOTAL not in key:
            assert settings_map[key] >= POLICY.min_settings_area


@FAST
@given(tables())
@example(BRIDGE_CASE)
def test_protect_table_leaves_no_suppressed_cell_derivable(case):
    counts, audience, settings_map = case
    table = protect_table(counts, audience=audience, policy=POLICY, settings=settings_map)
    grid = _grid(counts)
    suppressed = {key for key, cell in table.cells.items() if cell.suppressed}
    for entries, _ in _lines(grid):
        assert sum(entry in suppressed for entry in entries) != 1
    assert not _derivable(grid, suppressed)


@FAST
@given(tables())
def test_protect_table_suppresses_nothing_without_a_primary_suppression(case):
    counts, audience, settings_map = case
    table = protect_table(counts, audience=audience, policy=POLICY, settings=settings_map)
    reasons = Counter(cell.reason for cell in table.cells.values() if cell.suppressed)
    if not reasons.keys() - {"complementary"}:
        assert not reasons


@FAST
@given(tables())
def test_protect_table_public_counts_are_multiples_of_five_and_never_1_to_9(case):
    counts, _, settings_map = case
    table = protect_table(counts, audience=Audience.PUBLIC, policy=POLICY, settings=settings_map)
    for cell in table.cells.values():
        if cell.display.isdigit():
            shown = int(cell.display)
            assert shown % 5 == 0
            assert not 1 <= shown <= 9
            assert cell.count == shown
        else:
            assert cell.suppressed


@FAST
@given(st.lists(st.integers(0, 200), min_size=1, max_size=6), st.integers(0, 200), st.booleans())
def test_protect_shares_public_never_shows_low_bases_or_exact_extremes(counts, extra, exhaustive):
    base = sum(counts) + (0 if exhaustive else extra)
    if base == 0:
        return
    cells = protect_shares({str(i): c for i, c in enumerate(counts)}, base, audience=Audience.PUBLIC, policy=POLICY)
    for key, cell in cells.items():
        if base < POLICY.min_base_percent:
            assert cell.display == "LOW"
        elif base < POLICY.extreme_share_n and cell.value is not None:
            assert 5 * base < counts[int(key)] * 100 < 95 * base


# --- areas --------------------------------------------------------------------------------------


@st.composite
def area_inputs(draw):
    communities = [
        f"4403{district:02d}{street:03d}{community:03d}"
        for district in range(3, 3 + draw(st.integers(1, 2)))
        for street in range(1, 1 + draw(st.integers(1, 3)))
        for community in range(1, 1 + draw(st.integers(1, 3)))
    ]
    schools = st.frozensets(st.sampled_from([f"s{i}" for i in range(8)]), max_size=4)
    return {code: AreaCount(n=draw(st.integers(0, 60)), settings=draw(schools)) for code in communities}


def _passes(area):
    return area.n >= POLICY.min_base_percent and len(area.settings) >= POLICY.min_settings_area


@FAST
@given(area_inputs())
def test_roll_up_areas_publishes_only_passing_areas_and_safe_remainders(inputs):
    result = roll_up_areas(inputs, policy=POLICY)
    for code, area in result.published.items():
        assert _passes(area)
        shown = [kid for kid in result.published if parent_code(kid) == code]
        hidden = [leaf for leaf in inputs if leaf.startswith(code) and not any(leaf.startswith(s) for s in shown)]
        remainder = AreaCount(n=0)
        for leaf in hidden:
            remainder = remainder.merge(inputs[leaf])
        assert not hidden or _passes(remainder)  # parent minus shown children is itself safe
    for code in inputs:
        target = result.rolled_up.get(code, code)
        assert (code in result.published) != (code in result.rolled_up)
        assert target is None or (target in result.published and code.startswith(target))


# --- k-anonymity --------------------------------------------------------------------------------

QIS = ["band", "gender", "setting", "place_code"]


@st.composite
def microdata(draw):
    communities = [
        f"4403{district:02d}{street:03d}{community:03d}"
        for district in range(3, 3 + draw(st.integers(1, 2)))
        for street in range(1, 1 + draw(st.integers(1, 3)))
        for community in range(1, 1 + draw(st.integers(1, 3)))
    ]
    record = st.fixed_dictionaries(
        {
            "band": st.sampled_from(["8-10", "11-13"]),
            "gender": st.sampled_from(["F", "M"]),
            "setting": st.sampled_from(["s1", "s2"]),
            "place_code": st.sampled_from(communities),
            "w05": st.integers(1, 5),
        }
    )
    return draw(st.lists(record, max_size=120)), draw(st.integers(1, 12))


def _district_classes(records):
    return Counter((r["band"], r["gender"], r["setting"], r["place_code"][:6]) for r in records)


@FAST
@given(microdata())
def test_k_anonymise_releases_only_classes_of_at_least_k(case):
    records, k = case
    result = k_anonymise(records, QIS, k=k)
    assert check_k_anonymity(result.records, QIS, k)
    assert len(result.records) + result.suppressed == len(records)
    assert sum(result.generalised.values()) == sum(
        released["place_code"] != records[index]["place_code"]
        for released, index in zip(result.records, _released_indices(records, result), strict=True)
    )


@FAST
@given(microdata())
def test_k_anonymise_only_coarsens_the_place(case):
    records, k = case
    result = k_anonymise(records, QIS, k=k)
    for released, index in zip(result.records, _released_indices(records, result), strict=True):
        original = records[index]
        assert original["place_code"].startswith(released["place_code"])
        assert {**released, "place_code": original["place_code"]} == original


@FAST
@given(microdata())
def test_k_anonymise_generalises_before_suppressing(case):
    records, k = case
    result = k_anonymise(records, QIS, k=k)
    classes = _district_classes(records)
    if all(size >= k for size in classes.values()):
        assert result.suppressed == 0
    # Only records that no allowed generalisation can save are suppressed.
    for index in result.suppressed_indices:
        assert classes[_district_classes([records[index]]).popitem()[0]] < k


def _released_indices(records, result):
    suppressed = set(result.suppressed_indices)
    return [index for index in range(len(records)) if index not in suppressed]


@FAST
@given(microdata())
def test_k_anonymise_classes_releases_what_k_anonymise_releases(case):
    """From class sizes alone (as an export counts them in SQL) the same records go to the same places."""
    from collections import Counter

    from survey_app.privacy.disclosure import k_anonymise_classes

    records, k = case
    others = [field for field in QIS if field != "place_code"]
    key = lambda record: (tuple(record[field] for field in others), record["place_code"])  # noqa: E731
    released = k_anonymise_classes(Counter(key(record) for record in records), k=k)
    by_classes = Counter((key(record)[0], released[key(record)]) for record in records
                         if released[key(record)] is not False)
    expected = Counter((key(record)[0], record["place_code"]) for record in k_anonymise(records, QIS, k=k).records)
    assert by_classes == expected

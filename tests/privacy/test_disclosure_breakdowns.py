"""A share pooled over age bands and shown per band: one hidden band never comes back by subtraction."""

from hypothesis import given
from hypothesis import strategies as st

from survey_app.privacy.disclosure import (
    NO_ANSWERS,
    Audience,
    DisclosurePolicy,
    GroupShare,
    Reason,
    protect_mean,
    protect_share_breakdown,
    protect_shares,
)

POLICY = DisclosurePolicy()
INTERNAL = Audience.INTERNAL


def test_a_group_nobody_answered_says_no_answers_not_low():
    assert protect_shares({"agree": 0}, 0, audience=INTERNAL, policy=POLICY)["agree"].display == NO_ANSWERS
    assert protect_mean(0.0, 0, audience=INTERNAL, policy=POLICY).reason is Reason.NO_ANSWERS
    assert protect_shares({"agree": 2}, 4, audience=INTERNAL, policy=POLICY)["agree"].display == "LOW"


def test_one_small_band_hides_a_second_band_so_the_pooled_share_gives_nothing_away():
    groups = {"A": GroupShare(4, 4), "B": GroupShare(30, 50), "C": GroupShare(10, 20)}
    pooled, bands = protect_share_breakdown(groups, audience=INTERNAL, policy=POLICY)
    assert bands["A"].display == "LOW"
    assert bands["C"].reason is Reason.COMPLEMENTARY  # the smaller shown band goes with it
    assert bands["B"].display == "60%" and pooled.display == "59%"  # 44 of 74


def test_when_no_other_band_can_be_hidden_the_pooled_share_is():
    groups = {"A": GroupShare(4, 6), "B": GroupShare(0, 0)}
    pooled, bands = protect_share_breakdown(groups, audience=INTERNAL, policy=POLICY)
    assert bands["B"].display == NO_ANSWERS and bands["A"].suppressed and pooled.suppressed


def test_two_hidden_bands_need_nothing_more():
    groups = {"A": GroupShare(3, 5), "B": GroupShare(2, 6), "C": GroupShare(20, 40)}
    pooled, bands = protect_share_breakdown(groups, audience=INTERNAL, policy=POLICY)
    assert bands["C"].display == "50%" and not pooled.suppressed
    assert bands["A"].reason is Reason.LOW_BASE and bands["B"].reason is Reason.LOW_BASE


@given(st.dictionaries(st.sampled_from("ABCD"), st.tuples(st.integers(0, 60), st.integers(0, 60)), min_size=1),
       st.sampled_from(list(Audience)))
def test_never_exactly_one_hidden_band_beside_a_shown_pooled_share(raw, audience):
    groups = {name: GroupShare(min(a, b), max(a, b)) for name, (a, b) in raw.items()}
    pooled, bands = protect_share_breakdown(groups, audience=audience, policy=POLICY)
    hidden = [name for name, cell in bands.items() if cell.suppressed]
    assert len(hidden) != 1 or pooled.suppressed
    for name, cell in bands.items():
        assert (cell.reason is Reason.NO_ANSWERS) == (groups[name].base == 0)

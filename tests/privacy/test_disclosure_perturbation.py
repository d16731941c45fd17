"""Cell-key perturbation: repeatable, small, zero-mean noise that defeats today-minus-yesterday."""

import random
from collections import Counter

from hypothesis import given
from hypothesis import strategies as st

from survey_app.privacy.disclosure import Audience, DisclosurePolicy, GroupShare, protect_share_breakdown
from survey_app.privacy.disclosure.perturbation import ADJUSTMENTS, adjustment, perturb

POLICY = DisclosurePolicy()


def test_the_adjustments_have_mean_zero_and_stay_within_two():
    assert sum(ADJUSTMENTS) == 0 and max(map(abs, ADJUSTMENTS)) == 2
    drawn = Counter(adjustment(count, key) for count in range(10, 60) for key in range(256))
    assert set(drawn) == set(ADJUSTMENTS)
    assert abs(sum(a * n for a, n in drawn.items()) / sum(drawn.values())) < 0.05


@given(st.integers(0, 10**6), st.integers(0, 10**9))
def test_the_same_responses_always_get_the_same_figure(count, keys):
    assert perturb(count, keys) == perturb(count, keys) == perturb(count, keys % 256)
    assert abs(perturb(count, keys) - count) <= 2 and (perturb(count, keys) == 0) == (count == 0)


def test_no_key_means_no_perturbation():
    assert perturb(37, None) == 37


def _pooled_value(groups):
    pooled, _ = protect_share_breakdown(groups, audience=Audience.INTERNAL, policy=POLICY)
    return pooled.value


def _table(agreeing, with_keys, keys_a, keys_b, new):
    def key(keys):
        return sum(keys) if with_keys else None

    return {"A": GroupShare(1 + agreeing, 8, key(keys_a[:1] + new[:agreeing]), key(keys_a + new)),
            "B": GroupShare(28, 50, key(keys_b[:28]), key(keys_b))}


def _attack(keyed: bool, trials: int = 300) -> float:
    """The issue's attack: band A shows LOW while four more band-A children answer, and the attacker reads
    how many of them agreed off the change in the pooled share. Returns how often the best guess is right."""
    rng = random.Random(20261204)
    right = 0
    for _ in range(trials):
        keys_a, keys_b, new = ([rng.randint(1, 255) for _ in range(n)] for n in (4, 50, 4))
        truth = rng.randint(0, 4)

        seen = _pooled_value(_table(truth, keyed, keys_a, keys_b, new))
        # The attacker knows every band-B answer and band A's first four; the nearest exact outcome wins.
        exact = {k: _pooled_value(_table(k, False, keys_a, keys_b, new)) for k in range(5)}
        guess = min(exact, key=lambda k: abs(exact[k] - seen))
        right += guess == truth
    return right / trials


def test_four_more_children_in_a_hidden_band_cannot_be_read_off_the_pooled_share():
    assert _attack(keyed=False) == 1.0  # exact figures give every answer away
    assert _attack(keyed=True) < 0.7  # perturbed figures: the best guess is often wrong


@given(st.integers(10, 500), st.integers(0, 500), st.integers(0, 10**6), st.integers(0, 10**6))
def test_a_perturbed_share_is_a_percentage_and_never_above_100(base, count, count_key, base_key):
    count = min(count, base)
    cell, _ = protect_share_breakdown({"x": GroupShare(count, base, count_key, base_key)},
                                      audience=Audience.INTERNAL, policy=POLICY)
    if cell.value is not None:
        assert 0 <= cell.value <= 100 and cell.display == f"{int(cell.value)}%"

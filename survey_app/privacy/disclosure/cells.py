"""Primary protection of single figures: counts, shares and means, by audience (DC1, DC2)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum

from .policy import DisclosurePolicy

LOW = "LOW"  # Sport England's marker for a base under the minimum [62]; views may translate it (样本不足)
HIDDEN = "*"  # a suppressed figure that is not a small count (complementary, too few settings)
NO_ANSWERS = "no answers"  # a share or mean over nobody: nothing to hide, nothing to show; views translate it


class Audience(StrEnum):
    """Who sees the output; each audience has its own thresholds (DC1 public, DC2 internal, DC3)."""

    PUBLIC = "public"
    INTERNAL = "internal"
    # Aggregates shown to researchers follow the internal rule; their microdata go through k_anonymise.
    RESEARCHER = "researcher"


class Reason(StrEnum):
    """Why a figure is not shown as a plain number."""

    SMALL_COUNT = "small_count"
    LOW_BASE = "low_base"
    FEW_SETTINGS = "few_settings"
    COMPLEMENTARY = "complementary"
    CODED = "coded"  # shown, but only as "≤5%" / "≥95%"
    NO_ANSWERS = "no_answers"  # a share or mean over a base of 0: nobody answered, which is not a small group


@dataclass(frozen=True)
class Cell:
    """One figure as a screen, chart or CSV may show it.

    ``count`` is the count that may be shown (rounded for PUBLIC); it is None when suppressed and
    for share and mean cells, which publish only their percentage or mean. ``value`` is the number
    a chart may plot (the count, the percentage or the mean as displayed); None when suppressed or
    coded. ``display`` is what to print.
    """

    count: int | None
    display: str
    suppressed: bool
    reason: Reason | None = None
    value: float | None = None


def empty_cell() -> Cell:
    """Return the share or mean of a group with no respondents: "no answers", not a suppressed figure."""
    return Cell(count=None, display=NO_ANSWERS, suppressed=False, reason=Reason.NO_ANSWERS)


def hidden_cell(reason: Reason) -> Cell:
    """Return a suppressed cell that reveals nothing about its value."""
    return Cell(count=None, display=LOW if reason is Reason.LOW_BASE else HIDDEN, suppressed=True, reason=reason)


def round_count(n: int, base: int) -> int:
    """Round half up to a multiple of ``base``; a positive count never rounds down to 0."""
    rounded = (n + base // 2) // base * base
    return max(rounded, base) if n > 0 else 0


def count_threshold(audience: Audience, policy: DisclosurePolicy) -> int:
    """Return the smallest non-zero count this audience may see."""
    if audience is Audience.PUBLIC:
        return policy.small_count_max + 1
    return policy.internal_min_cell


def protect_count(n: int, *, audience: Audience, policy: DisclosurePolicy, settings_count: int | None = None) -> Cell:
    """Protect one count: small counts become "<10", public counts are rounded to 5.

    Zero is shown: it has no respondent to identify (CMS allows zero [59]).
    """
    _check_count(n)
    if n == 0:
        return Cell(count=0, display="0", suppressed=False, value=0)
    if _too_few_settings(audience, policy, settings_count):
        return hidden_cell(Reason.FEW_SETTINGS)
    threshold = count_threshold(audience, policy)
    if n < threshold:
        return Cell(count=None, display=f"<{threshold}", suppressed=True, reason=Reason.SMALL_COUNT)
    shown = round_count(n, policy.rounding_base) if audience is Audience.PUBLIC else n
    return Cell(count=shown, display=str(shown), suppressed=False, value=shown)


def protect_shares(
    counts: Mapping[str, int],
    base: int,
    *,
    audience: Audience,
    policy: DisclosurePolicy,
    settings_count: int | None = None,
) -> dict[str, Cell]:
    """Protect a distribution (count per answer value out of ``base`` respondents) as percentages.

    When the counts add up to the base (single-choice items), a share hidden by coding could be
    recovered as 100% minus the others, so the smallest shown share is suppressed too.
    """
    _check_count(base)
    for count in counts.values():
        _check_count(count)
        if count > base:
            raise ValueError(f"count {count} exceeds base {base}")
    if base == 0:
        return {key: empty_cell() for key in counts}
    group_reason = _group_reason(base, audience, policy, settings_count)
    if group_reason is not None:
        return {key: hidden_cell(group_reason) for key in counts}
    cells = {key: _share_cell(count, base, audience, policy) for key, count in counts.items()}
    if sum(counts.values()) == base:
        _protect_exhaustive(cells, counts, base, policy)
    return cells


def protect_mean(
    mean: float,
    base: int,
    *,
    audience: Audience,
    policy: DisclosurePolicy,
    settings_count: int | None = None,
    digits: int = 1,
) -> Cell:
    """Protect a mean over ``base`` respondents: it follows the same base rule as a percentage."""
    _check_count(base)
    if base == 0:
        return empty_cell()
    reason = _group_reason(base, audience, policy, settings_count)
    if reason is not None:
        return hidden_cell(reason)
    shown = round(mean, digits)
    return Cell(count=None, display=f"{shown:.{digits}f}", suppressed=False, value=shown)


def _group_reason(base: int, audience: Audience, policy: DisclosurePolicy, settings_count: int | None) -> Reason | None:
    """Say why a whole group's percentages or mean cannot be shown, if they cannot."""
    minimum = policy.min_base_percent if audience is Audience.PUBLIC else policy.internal_min_cell
    if base < minimum:
        return Reason.LOW_BASE
    if _too_few_settings(audience, policy, settings_count):
        return Reason.FEW_SETTINGS
    return None


def _share_cell(count: int, base: int, audience: Audience, policy: DisclosurePolicy) -> Cell:
    """Return one percentage, coding the extremes for small public groups."""
    if audience is Audience.PUBLIC and base < policy.extreme_share_n:
        # Integer comparisons: the coded ranges are inclusive and must not depend on float error.
        if count * 100 <= policy.extreme_share_pct * base:
            return Cell(count=None, display=f"≤{policy.extreme_share_pct}%", suppressed=False, reason=Reason.CODED)
        if count * 100 >= (100 - policy.extreme_share_pct) * base:
            high = 100 - policy.extreme_share_pct
            return Cell(count=None, display=f"≥{high}%", suppressed=False, reason=Reason.CODED)
    percent = percent_of(count, base)
    return Cell(count=None, display=f"{percent}%", suppressed=False, value=percent)


def percent_of(count: int, base: int) -> int:
    """A whole percentage, rounded half up from unrounded counts [61]."""
    return (count * 200 + base) // (2 * base)


def _protect_exhaustive(cells: dict[str, Cell], counts: Mapping[str, int], base: int, policy: DisclosurePolicy) -> None:
    """Hide the smallest shown share when the hidden shares would add up to a near-exact value.

    The hidden mass is 100% minus the shown shares; if it is itself within the coded range, it
    would reveal that (almost) nobody chose any of the coded values.
    """
    hidden = [key for key, cell in cells.items() if cell.value is None]
    shown = [key for key in cells if key not in hidden]
    if not hidden or not shown:
        return
    hidden_count = sum(counts[key] for key in hidden)
    if hidden_count * 100 <= policy.extreme_share_pct * base:
        smallest = min(shown, key=lambda key: counts[key])
        cells[smallest] = hidden_cell(Reason.COMPLEMENTARY)


def _too_few_settings(audience: Audience, policy: DisclosurePolicy, settings_count: int | None) -> bool:
    """Apply the public area rule: a figure needs at least 3 contributing schools or settings [62]."""
    return audience is Audience.PUBLIC and settings_count is not None and settings_count < policy.min_settings_area


def _check_count(n: int) -> None:
    if isinstance(n, bool) or not isinstance(n, int) or n < 0:
        raise ValueError(f"counts must be non-negative ints, got {n!r}")

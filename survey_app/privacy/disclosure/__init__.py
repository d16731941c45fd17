"""Disclosure control for every aggregate the app shows or exports (domain.md section 7).

Pure Python: no Flask, no database. Views and exports build counts, then pass them through here:

- ``protect_count`` / ``protect_shares`` / ``protect_mean``: one figure or one distribution.
- ``protect_share_breakdown``: a share pooled over groups and per group, with complementary suppression.
- ``perturbation``: cell-key perturbation of shown counts and shares, so tables cannot be differenced.
- ``protect_table``: a two-way table with its totals, including complementary suppression.
- ``roll_up_areas``: community -> street -> district roll-up of area results.
- ``k_anonymise`` / ``check_k_anonymity``: researcher microdata; ``k_anonymise_classes`` from class sizes.

Thresholds live in ``DisclosurePolicy`` (``DisclosurePolicy.from_mapping(app.config)``); see
``policy`` for each default and its source.
"""

from .areas import AreaCount, AreaRollUp, area_passes, parent_code, roll_up_areas
from .breakdowns import GroupShare, pooled_group, protect_group_share, protect_keyed_count, protect_share_breakdown
from .cells import HIDDEN, LOW, NO_ANSWERS, Audience, Cell, Reason, protect_count, protect_mean, protect_shares
from .kanon import KAnonResult, check_k_anonymity, k_anonymise, k_anonymise_classes
from .policy import CONFIG_KEYS, DisclosurePolicy
from .tables import TOTAL, ProtectedTable, protect_table

__all__ = [
    "CONFIG_KEYS",
    "HIDDEN",
    "LOW",
    "NO_ANSWERS",
    "TOTAL",
    "area_passes",
    "AreaCount",
    "AreaRollUp",
    "Audience",
    "Cell",
    "DisclosurePolicy",
    "GroupShare",
    "KAnonResult",
    "ProtectedTable",
    "Reason",
    "check_k_anonymity",
    "k_anonymise",
    "k_anonymise_classes",
    "parent_code",
    "pooled_group",
    "protect_count",
    "protect_group_share",
    "protect_keyed_count",
    "protect_mean",
    "protect_share_breakdown",
    "protect_shares",
    "protect_table",
    "roll_up_areas",
]

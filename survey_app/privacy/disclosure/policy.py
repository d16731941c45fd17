"""Disclosure-control thresholds (domain.md section 7.2, DC1-DC3) as one frozen settings object.

Defaults and where each comes from (numbers in brackets are domain.md section 9 sources):

- ``min_base_percent = 30``: a percentage or mean needs an unweighted base of at least 30, else
  "LOW". Sport England Active Lives Children & Young People minimum base sizes [62].
- ``min_settings_area = 3``: an area figure (街道/社区) needs at least 3 contributing schools or
  settings, else it is suppressed or rolled up to the parent area. Same source [62].
- ``small_count_max = 9``: public counts 1-9 are shown as "<10". The most common US state
  minimum group size (NCES 2011-603) [60] and the ONS 10-threshold rule [58]; CMS is stricter at
  1-10 [59].
- ``rounding_base = 5``: displayed public counts are rounded to the nearest 5, percentages are
  computed from unrounded data. Ofqual rounding policy [61].
- ``extreme_share_n = 100`` and ``extreme_share_pct = 5``: for groups under 100, shares of 0-5% show
  as "≤5%" and 95-100% as "≥95%" (top/bottom coding noted in NCES [60]).
- ``internal_min_cell = 10``: named internal dashboards need n >= 10 per displayed cell [60][58].
- ``k = 10``: researcher microdata are k-anonymous with k >= 10 over the quasi-identifiers, by
  generalisation then suppression (Sweeney [64]); 10 matches the internal rule (DC3).

Complementary suppression, so that no suppressed cell can be recalculated from totals, follows the
CMS "no cell may be derivable" rule [59] and the secondary-suppression literature [63].

The Flask config passes these as ``DISCLOSURE_*`` keys (see ``CONFIG_KEYS``); env variables reach
it as ``SURVEY_DISCLOSURE_*`` through ``from_prefixed_env``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict, dataclass, fields

CONFIG_PREFIX = "DISCLOSURE_"

#: Config key -> policy field. ``DISCLOSURE_<FIELD NAME>`` (e.g. ``DISCLOSURE_K``) is accepted too.
CONFIG_KEYS: Mapping[str, str] = {
    "DISCLOSURE_PUBLIC_MIN_BASE": "min_base_percent",
    "DISCLOSURE_PUBLIC_MIN_SETTINGS": "min_settings_area",
    "DISCLOSURE_PUBLIC_SMALL_COUNT_MAX": "small_count_max",
    "DISCLOSURE_PUBLIC_ROUNDING_BASE": "rounding_base",
    "DISCLOSURE_PUBLIC_EXTREME_SHARE_N": "extreme_share_n",
    "DISCLOSURE_PUBLIC_EXTREME_SHARE_PCT": "extreme_share_pct",
    "DISCLOSURE_INTERNAL_MIN_CELL": "internal_min_cell",
    "DISCLOSURE_RESEARCHER_K": "k",
}


@dataclass(frozen=True)
class DisclosurePolicy:
    """Thresholds for every aggregate the app shows or exports; defaults are domain.md 7.2."""

    min_base_percent: int = 30
    min_settings_area: int = 3
    small_count_max: int = 9
    rounding_base: int = 5
    extreme_share_n: int = 100
    extreme_share_pct: int = 5
    internal_min_cell: int = 10
    k: int = 10

    def __post_init__(self) -> None:
        for field in fields(self):
            value = getattr(self, field.name)
            # bool is an int subclass; "True" as a threshold is a config mistake, not 1.
            if isinstance(value, bool) or not isinstance(value, int):
                raise TypeError(f"DisclosurePolicy.{field.name} must be an int, got {value!r}")
            if value < (0 if field.name == "small_count_max" else 1):
                raise ValueError(f"DisclosurePolicy.{field.name} is too small: {value}")
        if self.extreme_share_pct >= 50:
            raise ValueError("extreme_share_pct must be below 50 so the two coded ranges do not meet")

    @classmethod
    def from_mapping(cls, config: Mapping[str, object]) -> DisclosurePolicy:
        """Build a policy from ``DISCLOSURE_*`` keys; other keys are ignored, unknown ones rejected."""
        values: dict[str, int] = {}
        for key, raw in config.items():
            if not key.startswith(CONFIG_PREFIX):
                continue
            name = _field_for_key(key)
            value = _as_int(key, raw)
            if values.get(name, value) != value:
                raise ValueError(f"{key} conflicts with another key for {name}")
            values[name] = value
        return cls(**values)

    def to_mapping(self) -> dict[str, int]:
        """Return the policy as ``DISCLOSURE_*`` config keys (the inverse of ``from_mapping``)."""
        by_field = {name: key for key, name in CONFIG_KEYS.items()}
        return {by_field[name]: value for name, value in asdict(self).items()}


def _field_for_key(key: str) -> str:
    """Map a config key to a field; a typo must fail loudly, not silently keep a default."""
    if key in CONFIG_KEYS:
        return CONFIG_KEYS[key]
    name = key.removeprefix(CONFIG_PREFIX).lower()
    if name in {field.name for field in fields(DisclosurePolicy)}:
        return name
    raise ValueError(f"Unknown disclosure setting {key}; expected one of {sorted(CONFIG_KEYS)}")


def _as_int(key: str, raw: object) -> int:
    """Accept ints and digit strings (environment values that were not parsed as JSON)."""
    if isinstance(raw, str) and raw.strip().isdigit():
        return int(raw)
    if isinstance(raw, int) and not isinstance(raw, bool):
        return raw
    raise TypeError(f"{key} must be a whole number, got {raw!r}")

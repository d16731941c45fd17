"""k-anonymity for researcher microdata exports (DC3): generalise place codes, then suppress [64].

Every released record shares its quasi-identifier values (including the generalised place) with
at least k-1 other released records. The place is the only field generalised, along the code
hierarchy community (12 digits) -> street (9) -> district (6); other quasi-identifiers (age band,
gender, setting, ...) are released as given, so coarsen them before calling if needed.

Generalisation is local recoding, per group of records sharing the other quasi-identifiers: one
group may keep a community while another in the same community is released at street level. The
walk is top-down and mirrors ``areas.roll_up_areas``:

- Records whose other quasi-identifiers and district occur fewer than k times are suppressed; no
  generalisation within the allowed levels can save them. Nothing else is ever suppressed, so if
  generalising everything to district would give k-anonymity, no record is suppressed.
- Inside a place kept at some level, sub-places with fewer than k records are released at that
  level. If that class (plus records already coded at that level) is still below k, the smallest
  sub-place with at least k records joins it, until the class reaches k.

Limits: no l-diversity (DC3 asks for l >= 2 on sensitive items; not enforced here), no
generalisation beyond district, and records keep their input order, so the export should shuffle
them and must not carry stable keys (DC3).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from .areas import check_place_code

LEVEL_NAMES = {6: "district", 9: "street", 12: "community"}
NEXT_LEVEL = {6: 9, 9: 12}


@dataclass(frozen=True)
class KAnonResult:
    """Released records and a report of what was generalised and suppressed."""

    records: list[dict[str, object]]  # released records (copies), place generalised where needed
    suppressed_indices: tuple[int, ...]  # positions in the input of the records withheld
    generalised: Mapping[str, int]  # released records whose place was coarsened, by level reached

    @property
    def suppressed(self) -> int:
        return len(self.suppressed_indices)


def k_anonymise(
    records: Sequence[Mapping[str, object]],
    quasi_identifiers: Sequence[str],
    *,
    k: int,
    place_field: str = "place_code",
) -> KAnonResult:
    """Return a k-anonymous copy of ``records``; ``place_field`` is always a quasi-identifier.

    A record without a place (None) can't be generalised; it is kept only in a class of >= k.
    """
    if k < 1:
        raise ValueError("k must be at least 1")
    others = [field for field in quasi_identifiers if field != place_field]
    places = [_place(record.get(place_field)) for record in records]
    groups: dict[tuple, list[int]] = {}
    for index, record in enumerate(records):
        district = places[index][:6] if places[index] is not None else None
        groups.setdefault((tuple(record.get(field) for field in others), district), []).append(index)
    released: dict[int, str | None] = {}
    for (_, district), indices in groups.items():
        if len(indices) < k:
            continue
        if district is None:
            released.update(dict.fromkeys(indices))
        else:
            _release(district, indices, places, k, released)
    return _result(records, places, released, place_field)


def check_k_anonymity(records: Sequence[Mapping[str, object]], quasi_identifiers: Sequence[str], k: int) -> bool:
    """Say whether every combination of quasi-identifier values occurs at least k times."""
    classes = Counter(tuple(record.get(field) for field in quasi_identifiers) for record in records)
    return all(size >= k for size in classes.values())


def _place(code: object) -> str | None:
    return None if code is None else check_place_code(code)


def _release(code: str, indices: list[int], places: list[str | None], k: int, released: dict[int, str | None]) -> None:
    """Release ``indices`` (at least k records, all inside ``code``) at ``code`` or below."""
    at_level = [index for index in indices if places[index] == code]
    subplaces: dict[str, list[int]] = {}
    if len(code) in NEXT_LEVEL:
        for index in indices:
            if places[index] != code:
                subplaces.setdefault(places[index][: NEXT_LEVEL[len(code)]], []).append(index)
    kept = {sub: members for sub, members in subplaces.items() if len(members) >= k}
    here = at_level + [index for sub, members in subplaces.items() if sub not in kept for index in members]
    while 0 < len(here) < k:
        # Complementary: the smallest big sub-place joins, so the class at this level reaches k.
        smallest = min(kept, key=lambda sub: (len(kept[sub]), sub))
        here += kept.pop(smallest)
    released.update(dict.fromkeys(here, code))
    for sub, members in kept.items():
        _release(sub, members, places, k, released)


def _result(
    records: Sequence[Mapping[str, object]],
    places: list[str | None],
    released: dict[int, str | None],
    place_field: str,
) -> KAnonResult:
    out: list[dict[str, object]] = []
    generalised: Counter[str] = Counter()
    for index, record in enumerate(records):
        if index not in released:
            continue
        copy = dict(record)
        new_place = released[index]
        if new_place is not None:
            copy[place_field] = new_place
            if new_place != places[index]:
                generalised[LEVEL_NAMES[len(new_place)]] += 1
        out.append(copy)
    suppressed = tuple(index for index in range(len(records)) if index not in released)
    return KAnonResult(records=out, suppressed_indices=suppressed, generalised=dict(generalised))


def k_anonymise_classes(classes: Mapping[tuple[tuple, str | None], int], *, k: int) -> dict[tuple[tuple, str | None],
                                                                                          str | None | bool]:
    """The same generalisation as ``k_anonymise`` over class sizes counted elsewhere (in SQL), so an export
    of a million responses never holds its records: ``classes`` maps (other quasi-identifier values, place
    code) to the number of records. Returns, per class, the place its records are released at (None for
    records without a place), or False when they are withheld.
    """
    if k < 1:
        raise ValueError("k must be at least 1")
    groups: dict[tuple, dict[str | None, int]] = {}
    keys: dict[tuple[tuple, str | None], list[tuple[tuple, str | None]]] = {}
    for key, size in classes.items():
        others, place = key[0], _place(key[1])
        district = place[:6] if place is not None else None
        members = groups.setdefault((others, district), {})
        members[place] = members.get(place, 0) + size
        keys.setdefault((others, place), []).append(key)
    released: dict[tuple[tuple, str | None], str | None | bool] = dict.fromkeys(classes, False)
    for (others, district), places in groups.items():
        if sum(places.values()) < k:
            continue
        codes = {None: None} if district is None else _release_weighted(district, places, k)
        for place, code in codes.items():
            released.update(dict.fromkeys(keys[(others, place)], code))
    return released


def _release_weighted(code: str, places: dict[str, int], k: int) -> dict[str, str]:
    """``_release`` with weights: each place inside ``code`` -> the code its records are released at."""
    at_level = {place: n for place, n in places.items() if place == code}
    subplaces: dict[str, dict[str, int]] = {}
    if len(code) in NEXT_LEVEL:
        for place, n in places.items():
            if place != code:
                subplaces.setdefault(place[: NEXT_LEVEL[len(code)]], {})[place] = n
    kept = {sub: members for sub, members in subplaces.items() if sum(members.values()) >= k}
    here = dict(at_level)
    for sub, members in subplaces.items():
        if sub not in kept:
            here.update(members)
    while 0 < sum(here.values()) < k:
        smallest = min(kept, key=lambda sub: (sum(kept[sub].values()), sub))
        here.update(kept.pop(smallest))
    released = dict.fromkeys(here, code)
    for sub, members in kept.items():
        released.update(_release_weighted(sub, members, k))
    return released

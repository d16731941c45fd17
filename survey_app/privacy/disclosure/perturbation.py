"""Cell-key perturbation: published counts move by a small, repeatable amount (domain.md DC5a).

Every response gets a random record key (1-255) at intake; a cell's key is the sum of its responses'
keys modulo 256, kept beside the count in the running tallies and summed over any roll-up like the
count. The adjustment is a function of the cell's true count and key only, so:

- the same set of responses always gets the same adjustment: reloading a page or asking again cannot
  average the noise away;
- a few more responses change the key, so subtracting yesterday's figure from today's gives the new
  children's answers plus noise, not their answers;
- a pooled figure is perturbed on its own key, so it is not the exact sum of the shown band figures.

This is how the ABS TableBuilder and the ONS Census 2021 tables protect tables that anyone can build.
It adds to the thresholds and suppression (which are decided on true counts), it does not replace them.
"""

from __future__ import annotations

import hashlib

#: Adjustments and how often each is drawn: mean 0, at most ±2 (a small-table version of the ABS ptable).
ADJUSTMENTS = (-2, -1, -1, 0, 0, 0, 0, 1, 1, 2)
KEY_SPACE = 256


def cell_key(keys: int) -> int:
    """Reduce a sum of record keys (or of cell keys) to a cell key."""
    return keys % KEY_SPACE


def adjustment(count: int, key: int) -> int:
    """The fixed adjustment for a cell of ``count`` responses with cell key ``key``."""
    digest = hashlib.blake2b(f"{count}:{cell_key(key)}".encode(), digest_size=4).digest()
    return ADJUSTMENTS[int.from_bytes(digest, "big") % len(ADJUSTMENTS)]


def perturb(count: int, key: int | None) -> int:
    """The count to publish: 0 stays 0 and nothing drops below 1; ``key`` None means not perturbed."""
    if key is None or count == 0:
        return count
    return max(1, count + adjustment(count, key))

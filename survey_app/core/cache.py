"""A small per-process cache whose entries expire, for data that may be a few seconds old.

Used on the submission hot path only, where a few seconds cannot matter: a session's window has
a grace period of minutes, and a new concern lexicon applies to answers a moment later.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Hashable
from typing import Any

from flask import current_app


class TimedCache:
    def __init__(self, setting: str, maxsize: int = 1024):
        #: The config key holding the lifetime in seconds (0 turns the cache off, as in tests).
        self.setting, self.maxsize = setting, maxsize
        self._entries: dict[Hashable, tuple[float, Any]] = {}
        self._lock = threading.Lock()

    def get(self, key: Hashable, load: Callable[[], Any]) -> Any:
        lifetime = float(current_app.config.get(self.setting, 0))
        now = time.monotonic()
        entry = self._entries.get(key)
        if lifetime > 0 and entry is not None and now - entry[0] < lifetime:
            return entry[1]
        value = load()
        if lifetime > 0:
            with self._lock:
                if len(self._entries) >= self.maxsize:
                    self._entries.clear()
                self._entries[key] = (now, value)
        return value

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()

"""Per-user caps on concurrent work (long-polls): the next one over the cap gets 429 with Retry-After."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager

from app.errors import RateLimited


class ConcurrencyCap:
    """At most `limit` holders at once per key; only keys with a holder are kept, so it stays bounded."""

    def __init__(self, limit: int, what: str, retry_after_s: int = 1):
        self.limit = limit
        self.what = what
        self.retry_after_s = retry_after_s
        self._active: dict[int, int] = {}
        self._lock = threading.Lock()

    def active(self, key: int) -> int:
        with self._lock:
            return self._active.get(key, 0)

    @contextmanager
    def hold(self, key: int) -> Iterator[None]:
        """Hold one of `key`'s places for the block, or raise RateLimited when all are taken."""
        with self._lock:
            count = self._active.get(key, 0)
            if count >= self.limit:
                raise RateLimited(f"Too many concurrent {self.what}: at most {self.limit} at once.", self.retry_after_s)
            self._active[key] = count + 1
        try:
            yield
        finally:
            with self._lock:
                count = self._active[key] - 1
                if count:
                    self._active[key] = count
                else:
                    del self._active[key]

"""A per-user sliding-window rate limit for submissions (in memory, per process)."""

from __future__ import annotations

import math
import threading
import time
from collections import deque

from app.errors import RateLimited


class RateLimiter:
    def __init__(self, limit: int, window_s: float):
        self.limit = limit
        self.window_s = window_s
        self._hits: dict[int, deque[float]] = {}
        self._lock = threading.Lock()

    def hit(self, key: int) -> None:
        """Count one submission for `key`, or raise RateLimited with the seconds until the next is allowed."""
        now = time.monotonic()
        with self._lock:
            hits = self._hits.setdefault(key, deque())
            while hits and hits[0] <= now - self.window_s:
                hits.popleft()
            if len(hits) >= self.limit:
                retry = math.ceil(hits[0] + self.window_s - now)
                raise RateLimited(f"Too many submissions: at most {self.limit} per {self.window_s:g} s.", retry)
            hits.append(now)

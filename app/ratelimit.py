"""Limits: in memory, per process, sliding windows per key (submissions; logins per IP and per username) and a gate
bounding how many password hashes run at once, each limiter tracking a bounded number of keys; and in the database,
the submission limit that must hold across web nodes (the procrastinate backend)."""

from __future__ import annotations

import math
import threading
import time
from collections import OrderedDict, deque
from collections.abc import Hashable, Iterator
from contextlib import contextmanager

from sqlalchemy import text
from sqlalchemy.orm import Session, sessionmaker

from app.errors import AppError, RateLimited


class RateLimiter:
    """At most `limit` hits per `window_s` for each key; the `max_keys` most recently hit keys are tracked."""

    def __init__(self, limit: int, window_s: float, max_keys: int = 100_000):
        self.limit = limit
        self.window_s = window_s
        self.max_keys = max_keys
        self._hits: OrderedDict[Hashable, deque[float]] = OrderedDict()
        self._lock = threading.Lock()

    def _live_hits(self, key: Hashable, now: float) -> deque[float] | None:
        hits = self._hits.get(key)
        if hits is None:
            return None
        while hits and hits[0] <= now - self.window_s:
            hits.popleft()
        if not hits:
            del self._hits[key]
            return None
        return hits

    def _retry_after(self, key: Hashable, now: float) -> int | None:
        hits = self._live_hits(key, now)
        if hits is None or len(hits) < self.limit:
            return None
        return max(1, math.ceil(hits[0] + self.window_s - now))

    def _record(self, key: Hashable, now: float) -> None:
        hits = self._live_hits(key, now)
        if hits is None:
            hits = self._hits[key] = deque()
        hits.append(now)
        while len(hits) > self.limit:
            hits.popleft()  # only the newest `limit` hits decide when the next is allowed
        self._hits.move_to_end(key)
        while len(self._hits) > self.max_keys:
            self._hits.popitem(last=False)

    def retry_after(self, key: Hashable) -> int | None:
        """Seconds until `key` may be hit again, or None when it may be hit now."""
        with self._lock:
            return self._retry_after(key, time.monotonic())

    def record(self, key: Hashable) -> None:
        """Count one hit for `key`, evicting the least recently hit keys beyond `max_keys`."""
        with self._lock:
            self._record(key, time.monotonic())

    def hit(self, key: Hashable, session: Session | None = None) -> None:
        """Count one submission for `key`, or raise RateLimited with the seconds until the next is allowed.
        (`session` is for the database limiter's sake; this one keeps its counts in memory.)"""
        with self._lock:
            now = time.monotonic()
            retry = self._retry_after(key, now)
            if retry is None:
                self._record(key, now)
        if retry is not None:
            raise RateLimited(f"Too many submissions: at most {self.limit} per {self.window_s:g} s.", retry)

    def __len__(self) -> int:
        return len(self._hits)


# One statement per hit: refill the key's bucket for the time since its last hit (at most `limit` tokens), then take
# a token if there is one. PostgreSQL's clock, not the web node's, so that nodes with skewed clocks agree.
TAKE_TOKEN = text(
    """
    INSERT INTO rate_bucket AS b (key, tokens, updated_at)
    VALUES (:key, :limit - 1, now() AT TIME ZONE 'UTC')
    ON CONFLICT (key) DO UPDATE
       SET tokens = LEAST(:limit, b.tokens + EXTRACT(EPOCH FROM (now() AT TIME ZONE 'UTC') - b.updated_at) * :rate) - 1,
           updated_at = now() AT TIME ZONE 'UTC'
     WHERE LEAST(:limit, b.tokens + EXTRACT(EPOCH FROM (now() AT TIME ZONE 'UTC') - b.updated_at) * :rate) >= 1
    RETURNING b.tokens
    """
)
TOKENS_NOW = text(
    "SELECT LEAST(:limit, tokens + EXTRACT(EPOCH FROM (now() AT TIME ZONE 'UTC') - updated_at) * :rate) "
    "FROM rate_bucket WHERE key = :key"
)


class DatabaseRateLimiter:
    """The submission limit kept in PostgreSQL, so that it holds however requests spread over web nodes: a token
    bucket per key that holds at most `limit` submissions and refills at `limit` per `window_s`. Each hit is one
    upsert (and one read when refused), in the caller's transaction or a short one of its own."""

    def __init__(self, make_session: sessionmaker[Session], limit: int, window_s: float):
        self.make_session = make_session
        self.limit = limit
        self.window_s = window_s

    def hit(self, key: Hashable, session: Session | None = None) -> None:
        """Count one submission for `key`, or raise RateLimited with the seconds until the next is allowed.

        With `session`, the token is taken in that transaction (the one that stores the submission: a request that
        fails stores nothing and takes nothing); else in a short transaction of its own."""
        params = {"key": str(key), "limit": float(self.limit), "rate": self.limit / self.window_s}
        if session is not None:
            taken = session.execute(TAKE_TOKEN, params).first()
            tokens = None if taken is not None else session.scalar(TOKENS_NOW, params)
        else:
            with self.make_session() as own:
                taken = own.execute(TAKE_TOKEN, params).first()
                tokens = None if taken is not None else own.scalar(TOKENS_NOW, params)
                own.commit()
        if taken is None:
            retry = max(1, math.ceil((1 - (tokens or 0)) / params["rate"]))
            raise RateLimited(f"Too many submissions: at most {self.limit} per {self.window_s:g} s.", retry)


class LoginThrottle:
    """Attempts to log in, get a token or register: limited per client IP (every attempt) and per username
    (failed attempts), so that a flood of guesses is refused before it costs a password hash."""

    def __init__(self, *, per_ip: int, per_username: int, window_s: float, max_keys: int = 100_000):
        self.by_ip = RateLimiter(per_ip, window_s, max_keys)
        self.by_username = RateLimiter(per_username, window_s, max_keys)

    @staticmethod
    def _name(username: str) -> str:
        return username.strip().lower()[:64]

    def check(self, ip: str, username: str) -> None:
        """Raise RateLimited if this IP or this username has had too many attempts; else count the attempt."""
        retry = max(self.by_ip.retry_after(ip) or 0, self.by_username.retry_after(self._name(username)) or 0)
        if retry:
            raise RateLimited(f"Too many attempts; try again in {retry} s.", retry)
        self.by_ip.record(ip)

    def failed(self, username: str) -> None:
        self.by_username.record(self._name(username))


class HashGate:
    """At most `limit` password hashes at once (each takes 64 MiB and a core); a request that waits longer than
    `wait_s` for its turn gets 503 with Retry-After."""

    def __init__(self, limit: int, wait_s: float):
        self.wait_s = wait_s
        self._slots = threading.BoundedSemaphore(limit)

    @contextmanager
    def slot(self) -> Iterator[None]:
        if not self._slots.acquire(timeout=self.wait_s):
            raise AppError(
                "The server is busy checking passwords; try again shortly.",
                503,
                headers={"Retry-After": str(max(1, math.ceil(self.wait_s)))},
            )
        try:
            yield
        finally:
            self._slots.release()

"""Test-wide fixtures: the process's real sandbox pool, shared by every grader and bank test; hypothesis's
profile (derandomized, so CI runs the same examples every time, with no deadline on a busy 2-core machine)."""

import pytest
from hypothesis import HealthCheck, settings

from grader.sandbox import default_pool

settings.register_profile(
    "rankup", derandomize=True, deadline=None, max_examples=200, suppress_health_check=[HealthCheck.too_slow]
)
settings.load_profile("rankup")


@pytest.fixture(scope="session")
def sandbox_pool():
    """The real warm pool (the same one grade() uses by default); closed when the session ends."""
    pool = default_pool()
    yield pool
    pool.close()

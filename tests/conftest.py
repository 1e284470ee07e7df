"""Test-wide fixtures: the process's real sandbox pool, shared by every grader and bank test."""

import pytest

from grader.sandbox import default_pool


@pytest.fixture(scope="session")
def sandbox_pool():
    """The real warm pool (the same one grade() uses by default); closed when the session ends."""
    pool = default_pool()
    yield pool
    pool.close()

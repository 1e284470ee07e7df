"""Fixtures for the grader tests: the shared, real sandbox pool (no mocks)."""

import pytest


@pytest.fixture(scope="session")
def pool(sandbox_pool):
    """The session's one real warm pool (two slots; tests/conftest.py's `sandbox_pool`, closed at the end).

    Pass it as `grade(..., pool=pool)`. It is the same pool `grade()` uses by default, so a test file
    that forgets `pool=` still shares it rather than starting a second set of zygotes.
    """
    return sandbox_pool

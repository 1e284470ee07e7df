"""Shared helpers for the bank's cross-check tests: load a problem's own Python files in-process."""

import importlib.util
import itertools
from pathlib import Path

import pytest

PROBLEMS = Path(__file__).resolve().parents[2] / "problems"
_counter = itertools.count()


def load_module(slug: str, filename: str):
    """Import problems/<slug>/<filename> as a fresh module (trusted: tests only, never at runtime)."""
    path = PROBLEMS / slug / filename
    spec = importlib.util.spec_from_file_location(f"bank_{slug.replace('-', '_')}_{next(_counter)}", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def load_cases(slug: str, seed: int | None = None) -> list[dict]:
    """Run the problem's generator with its own seed from problem.toml (or `seed`)."""
    import tomllib

    meta = tomllib.loads((PROBLEMS / slug / "problem.toml").read_text())
    return load_module(slug, "generator.py").generate(meta.get("tests", {}).get("seed", 0) if seed is None else seed)


@pytest.fixture
def bank():
    """Access to load_module / load_cases for a test."""

    class Bank:
        module = staticmethod(load_module)
        cases = staticmethod(load_cases)

    return Bank

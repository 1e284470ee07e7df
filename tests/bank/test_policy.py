"""The bank's tolerance policy, for every coding problem at once: each known-wrong solution misses some
generated case by at least 100x the problem's tolerance (it fails the problem's own checker with rtol and
atol scaled by 100), so no must-fail case passes or fails by a rounding accident. Solutions run in-process
here (the bank's own trusted files); values go through the wire as they would from the sandbox."""

import copy

import pytest
import torch

from grader import bank_slugs, find_problem, wire
from grader.checkers import check
from tests.bank.conftest import load_cases, load_module

MARGIN = 100


def _plain(value):
    """A value as the trusted side sees it after the sandbox: tensors become TensorData, tuples lists."""
    tree, blobs = wire.encode(value, torch)
    return wire.decode(tree, blobs)


def _code_problems():
    for slug in bank_slugs():
        spec = find_problem(slug)
        if spec.kind == "code" and spec.must_fail:
            yield pytest.param(slug, id=slug)


@pytest.mark.parametrize("slug", list(_code_problems()))
def test_every_wrong_solution_misses_by_100x_the_tolerance(slug):
    spec = find_problem(slug)
    params = {key: MARGIN * value for key, value in spec.checker_params.items()}
    cases = load_cases(slug)
    reference = getattr(load_module(slug, "reference.py"), spec.entry)
    expected = [_plain(reference(**copy.deepcopy(case["args"]))) for case in cases]
    too_close = []
    for name in spec.must_fail:
        wrong = getattr(load_module(slug, f"wrong/{name}"), spec.entry, None)
        missed = wrong is None
        for case, want in zip(cases, expected, strict=True):
            if missed:
                break
            try:
                got = _plain(wrong(**copy.deepcopy(case["args"])))
            except Exception:  # noqa: BLE001 - raising, or returning what the wire refuses, misses by any margin
                missed = True
                continue
            args = {k: _plain(v) for k, v in case["args"].items()}
            missed = not check(spec.checker, got, want, args=args, params=params).ok
        if not missed:
            too_close.append(name)
    assert not too_close, f"{slug}: within {MARGIN}x the tolerance on every case: {too_close}"

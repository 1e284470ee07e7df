"""The harness's input-mutation check: snapshots taken before a call, compared exactly after it (no sandbox)."""

import numpy as np
import pytest
import torch

from grader import harness


def changed(kwargs: dict, change) -> str | None:
    """Snapshot `kwargs`, apply `change` to them as a solution would, and name the changed argument."""
    before = harness.snapshot_arguments(kwargs, torch)
    change(kwargs)
    return harness.changed_argument(kwargs, before, torch)


def test_untouched_arguments_are_unchanged():
    kwargs = {
        "W": np.arange(6.0).reshape(2, 3),
        "t": torch.ones(3, dtype=torch.float64),
        "ids": [1, 2, [3, np.zeros(2)]],
        "config": {"lr": 0.1, "steps": 3, "name": "x", "flag": None},
        "scale": 2.5,
    }
    assert changed(kwargs, lambda kw: (kw["W"] + 1, kw["t"] * 2, sorted(kw["ids"][:2]))) is None


def in_place_add(kw):
    kw["W"] += 1e-12


def set_one_item(kw):
    kw["W"][1, 2] = 5.0


def reshape_in_place(kw):
    kw["W"].shape = (3, 2)


def sort_in_place(kw):
    kw["W"][0].sort()


@pytest.mark.parametrize("change", [in_place_add, set_one_item, reshape_in_place, sort_in_place])
def test_an_array_changed_in_place_is_named(change):
    kwargs = {"x": np.ones(2), "W": np.array([[3.0, 1.0, 2.0], [0.0, -1.0, 4.0]])}
    assert changed(kwargs, change) == "W"


def test_a_tensor_changed_in_place_is_named():
    assert changed({"a": torch.zeros(2), "b": torch.arange(4.0)}, lambda kw: kw["b"].add_(1)) == "b"
    assert changed({"b": torch.arange(4)}, lambda kw: kw["b"].resize_(2)) == "b"
    assert changed({"b": torch.ones(2, dtype=torch.float64)}, lambda kw: kw["b"].mul_(1.0)) is None


def test_nan_stays_equal_to_nan_but_a_new_nan_is_a_change():
    arr = np.array([np.nan, 1.0, np.inf])
    assert changed({"x": arr}, lambda kw: kw["x"].__iadd__(0.0)) is None
    assert changed({"x": arr.copy()}, lambda kw: kw["x"].__setitem__(1, np.nan)) == "x"
    tensor = torch.tensor([float("nan"), 1.0])
    assert changed({"t": tensor}, lambda kw: kw["t"].add_(0.0)) is None
    assert changed({"t": tensor.clone()}, lambda kw: kw["t"].__setitem__(1, float("nan"))) == "t"


def test_containers_changed_in_place_are_named():
    assert changed({"xs": [1, 2]}, lambda kw: kw["xs"].append(3)) == "xs"
    assert changed({"xs": [np.zeros(2)]}, lambda kw: kw["xs"][0].fill(1)) == "xs"
    assert changed({"cfg": {"lr": 0.1}}, lambda kw: kw["cfg"].update(lr=0.2)) == "cfg"
    assert changed({"cfg": {"lr": 0.1}}, lambda kw: kw["cfg"].update(extra=1)) == "cfg"
    assert changed({"xs": [1.0, float("nan")]}, lambda kw: kw["xs"].reverse()) == "xs"


def test_the_comparison_is_exact_and_dtype_aware():
    assert not harness.unchanged(np.zeros(3, dtype=np.float32), np.zeros(3, dtype=np.float64))
    assert not harness.unchanged(np.zeros(3), np.zeros((3, 1)))
    assert not harness.unchanged(np.float64(1.0) * np.ones(1), np.nextafter(np.ones(1), 2))
    assert not harness.unchanged(np.array([2**53 + 1]), np.array([2**53]))
    assert not harness.unchanged(torch.zeros(2, dtype=torch.int32), torch.zeros(2, dtype=torch.int64), torch)
    assert not harness.unchanged([1, 2], (1, 2))
    assert harness.unchanged(np.array([True, False]), np.array([True, False]))


def test_the_snapshot_does_not_share_memory_with_the_argument():
    arr, tensor, nested = np.ones(3), torch.ones(3), [np.ones(2)]
    snap = harness.snapshot_arguments({"a": arr, "t": tensor, "n": nested}, torch)
    assert not np.shares_memory(snap["a"], arr) and snap["t"].data_ptr() != tensor.data_ptr()
    assert snap["n"] is not nested and not np.shares_memory(snap["n"][0], nested[0])


def test_arguments_over_the_snapshot_limit_run_unchecked(monkeypatch):
    monkeypatch.setattr(harness, "SNAPSHOT_LIMIT_BYTES", 64)
    kwargs = {"a": np.zeros(4), "b": [torch.zeros(8, dtype=torch.float64)]}  # 32 + 64 bytes
    assert harness.snapshot_arguments(kwargs, torch) is None
    assert changed(kwargs, lambda kw: kw["a"].fill(1)) is None
    assert harness.snapshot_arguments({"a": np.zeros(8)}, torch) is not None  # exactly at the limit

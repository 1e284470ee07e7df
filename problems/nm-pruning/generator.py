import numpy as np


def _case(name, hidden, w, n, m):
    return {"name": name, "hidden": hidden, "args": {"w": np.asarray(w, dtype=np.float64), "n": n, "m": m}}


def generate(seed):
    rng = np.random.default_rng(seed)
    with_zeros = rng.standard_normal((2, 8))
    with_zeros[0, :3] = 0.0
    return [
        _case("sample-1", False, rng.standard_normal((2, 8)).round(2), 2, 4),
        _case("sample-2", False, [1.0, -1.0, 1.0, 0.5, -3.0, 2.0, 0.1, -2.5], 2, 4),
        _case("square-2-4", True, rng.standard_normal((8, 8)), 2, 4),
        _case("one-of-four", True, rng.standard_normal((4, 12)), 1, 4),
        _case("two-of-eight", True, rng.standard_normal((8, 16)), 2, 8),
        _case("four-of-eight", True, rng.standard_normal((3, 8)), 4, 8),
        _case("keep-all", True, rng.standard_normal((2, 4)), 4, 4),
        _case("one-of-two", True, rng.standard_normal(10), 1, 2),
        _case("integer-ties", True, rng.integers(-2, 3, size=(4, 8)).astype(np.float64), 2, 4),
        _case("3d-tensor", True, rng.standard_normal((2, 4, 8)), 2, 4),
        _case("zeros-in-group", True, with_zeros, 2, 4),
    ]

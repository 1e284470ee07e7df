import numpy as np


def _case(rng, name, batch, d_in, d_out, r, alpha, *, zero_B=False):
    x = rng.standard_normal((batch, d_in))
    W = rng.standard_normal((d_out, d_in)) / np.sqrt(d_in)
    A = rng.standard_normal((r, d_in)) / np.sqrt(d_in)
    B = np.zeros((d_out, r)) if zero_B else rng.standard_normal((d_out, r))
    return {"name": name, "hidden": True, "args": {"x": x, "W": W, "A": A, "B": B, "alpha": float(alpha), "r": r}}


def generate(seed: int) -> list[dict]:
    rng = np.random.default_rng(seed)
    cases = [
        # batch 2, d_in 3, d_out 2, r 1, alpha / r = 2.
        {"name": "sample-1", "hidden": False, "args": {
            "x": np.array([[1.0, 0.0, -1.0], [0.5, 2.0, 1.0]]),
            "W": np.array([[1.0, 2.0, 0.0], [0.0, -1.0, 3.0]]),
            "A": np.array([[1.0, 1.0, 1.0]]),
            "B": np.array([[0.5], [-1.0]]),
            "alpha": 2.0, "r": 1}},
        # Square, non-symmetric W (so x @ W has the right shape but the wrong values); alpha / r = 4.
        {"name": "sample-2", "hidden": False, "args": {
            "x": np.array([[1.0, 2.0]]),
            "W": np.array([[1.0, 2.0], [3.0, 4.0]]),
            "A": np.array([[1.0, 0.0], [0.0, 1.0]]),
            "B": np.array([[0.0, 1.0], [1.0, 0.0]]),
            "alpha": 8.0, "r": 2}},
    ]
    cases += [
        _case(rng, "square-nonsymmetric-8", 5, 8, 8, 2, 16.0),
        _case(rng, "rank-1-wide-out", 4, 6, 10, 1, 8.0),
        _case(rng, "fresh-init-B-zero", 3, 7, 5, 4, 8.0, zero_B=True),
        _case(rng, "alpha-equals-r", 6, 5, 9, 4, 4.0),
        _case(rng, "scale-non-integer", 4, 12, 6, 3, 8.0),
        _case(rng, "batch-1", 1, 9, 4, 2, 32.0),
        _case(rng, "square-16-r8-small-alpha", 7, 16, 16, 8, 2.0),
        _case(rng, "tall-d-out-larger-r-equals-d-in", 3, 4, 12, 4, 1.0),
    ]
    return cases

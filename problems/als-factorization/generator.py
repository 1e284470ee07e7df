import numpy as np


def _case(rng, name, hidden, m, n, k, lam, T, scale=1.0, rank=None, noise=0.0):
    if rank is None:
        A = rng.standard_normal((m, n)) * scale
    else:
        A = scale * rng.standard_normal((m, rank)) @ rng.standard_normal((rank, n))
        A += noise * rng.standard_normal((m, n))
    U0 = rng.standard_normal((m, k))
    V0 = rng.standard_normal((n, k))
    return {"name": name, "hidden": hidden,
            "args": {"A": A.round(3), "U0": U0.round(3), "V0": V0.round(3), "lam": lam, "T": T}}


def generate(seed):
    rng = np.random.default_rng(seed)
    cases = [
        _case(rng, "sample-1", False, 4, 3, 2, 0.1, 1),
        _case(rng, "sample-2", False, 5, 4, 2, 0.5, 5),
        _case(rng, "zero-iterations", True, 4, 5, 2, 0.1, 0),
        _case(rng, "rank-one", True, 6, 5, 1, 0.2, 4),
        _case(rng, "tall", True, 12, 4, 3, 0.3, 6),
        _case(rng, "wide", True, 4, 12, 3, 0.3, 6),
        _case(rng, "full-rank-k", True, 5, 5, 5, 0.5, 3),
        _case(rng, "strong-ridge", True, 6, 6, 2, 25.0, 5),
        _case(rng, "low-rank-plus-noise", True, 10, 8, 3, 0.05, 15, rank=3, noise=0.01),
        _case(rng, "large-entries", True, 7, 6, 2, 0.1, 8, scale=100.0),
    ]
    zero = _case(rng, "zero-matrix", True, 4, 3, 2, 0.1, 2)
    zero["args"]["A"] = np.zeros((4, 3))
    cases.append(zero)
    return cases

import numpy as np


def _orthonormal(rng, rows, cols):
    q, r = np.linalg.qr(rng.standard_normal((rows, cols)))
    return q * np.sign(np.diag(r))


def _case(rng, name, hidden, m, n, k, l, q, spectrum):
    r = min(m, n)
    s = np.zeros(r)
    s[: len(spectrum)] = spectrum
    A = (_orthonormal(rng, m, r) * s) @ _orthonormal(rng, n, r).T
    Omega = rng.standard_normal((n, l))
    return {"name": name, "hidden": hidden, "args": {"A": A, "k": k, "Omega": Omega, "q": q}}


def generate(seed):
    rng = np.random.default_rng(seed)
    slow = 1.0 / np.arange(1, 13) ** 0.5
    return [
        _case(rng, "sample-1", False, 6, 5, 2, 3, 0, [5.0, 3.0, 1.0, 0.5, 0.1]),
        _case(rng, "sample-2", False, 7, 6, 2, 4, 1, [4.0, 2.0, 1.0, 0.8, 0.6, 0.4]),
        _case(rng, "exact-rank-k", True, 10, 8, 3, 5, 1, [3.0, 2.0, 1.0]),
        _case(rng, "slow-decay-q0", True, 14, 12, 4, 6, 0, slow),
        _case(rng, "slow-decay-q2", True, 14, 12, 4, 6, 2, slow),
        _case(rng, "ill-conditioned-q4", True, 24, 20, 5, 8, 4, 10.0 ** np.linspace(0, -12, 20)),
        _case(rng, "very-fast-decay-q3", True, 18, 16, 4, 6, 3, 10.0 ** np.linspace(0, -15, 16)),
        _case(rng, "rank-one-target", True, 9, 7, 1, 4, 3, np.linspace(2.0, 0.2, 7)),
        _case(rng, "wide", True, 6, 15, 3, 5, 2, [9.0, 7.0, 5.0, 1.0, 0.9, 0.8]),
        _case(rng, "no-oversampling", True, 12, 10, 4, 4, 2, np.linspace(1.0, 0.1, 10)),
        _case(rng, "large-scale", True, 10, 9, 3, 6, 1, 1e3 * np.array([8.0, 6.0, 4.0, 2.0, 1.0, 0.5, 0.25])),
    ]

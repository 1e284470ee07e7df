import numpy as np


def _orthonormal(rng, rows, cols):
    q, r = np.linalg.qr(rng.standard_normal((rows, cols)))
    return q * np.sign(np.diag(r))


def _with_spectrum(rng, m, n, spectrum):
    r = min(m, n)
    s = np.zeros(r)
    s[: len(spectrum)] = spectrum
    return (_orthonormal(rng, m, r) * s) @ _orthonormal(rng, n, r).T


def _case(name, hidden, A, tau):
    s = np.linalg.svd(A, compute_uv=False)
    if s[0] > 0:
        ratio = np.cumsum((s / s[0]) ** 2)
        ratio /= ratio[-1]
        # keep every cumulative ratio clearly away from tau so rounding never decides the answer
        assert np.min(np.abs(ratio - tau)) > 1e-9, name
    return {"name": name, "hidden": hidden, "args": {"A": A, "tau": tau}}


def generate(seed):
    rng = np.random.default_rng(seed)
    gaussian = rng.standard_normal((20, 15))
    decaying = _with_spectrum(rng, 12, 10, 2.0 ** -np.arange(10))
    return [
        _case("sample-1", False, np.diag([3.0, 2.0, 1.0]), 0.9),
        _case("sample-2", False, np.array([[4.0, 0.0], [0.0, 3.0], [0.0, 0.0]]), 0.5),
        _case("zero-matrix", True, np.zeros((3, 4)), 0.9),
        _case("tiny-tau", True, _with_spectrum(rng, 6, 5, [5.0, 4.0, 3.0, 2.0, 1.0]), 1e-6),
        _case("rank-deficient-near-one", True, _with_spectrum(rng, 8, 7, [3.0, 2.0, 1.0, 0.5]), 0.999999),
        _case("row-vector", True, rng.standard_normal((1, 9)), 0.99),
        _case("gaussian-0.8", True, gaussian, 0.8),
        _case("gaussian-0.95", True, gaussian, 0.95),
        _case("squared-vs-plain", True, decaying, 0.9),
        _case("identity-ties", True, np.eye(5), 0.5),
        _case("huge-entries", True, 1e200 * _with_spectrum(rng, 5, 6, [1.0, 0.6, 0.3, 0.1, 0.05]), 0.95),
        _case("tiny-entries", True, 1e-200 * _with_spectrum(rng, 6, 5, [1.0, 0.6, 0.3, 0.1, 0.05]), 0.95),
    ]

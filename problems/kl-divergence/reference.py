import numpy as np


def _kl_rows(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """KL(a_n || b_n) for every row n, with 0 * log(0 / b) = 0 and a > 0, b = 0 -> inf."""
    terms = np.zeros_like(a)
    support = a > 0
    with np.errstate(divide="ignore"):
        # log(a / 0) = inf where b = 0 inside the support of a: the row's KL is then inf, as it should be.
        terms[support] = a[support] * np.log(a[support] / b[support])
    return terms.sum(axis=-1)


def kl_divergence(p: np.ndarray, q: np.ndarray, direction: str) -> float:
    """Mean over rows of KL(p||q) ("forward") or KL(q||p) ("reverse"), with 0 * log 0 = 0."""
    p = np.asarray(p, dtype=np.float64)
    q = np.asarray(q, dtype=np.float64)
    if direction == "forward":
        rows = _kl_rows(p, q)
    elif direction == "reverse":
        rows = _kl_rows(q, p)
    else:
        raise ValueError(f"direction must be 'forward' or 'reverse', not {direction!r}")
    return float(np.mean(rows))

import numpy as np


def kl_divergence(p: np.ndarray, q: np.ndarray, direction: str) -> float:
    # a * (log a - log b), with np.where masking the zero terms of a.
    a, b = (p, q) if direction == "forward" else (q, p)
    with np.errstate(divide="ignore", invalid="ignore"):
        terms = np.where(a > 0, a * (np.log(a) - np.log(b)), 0.0)
    return float(terms.sum(axis=1).mean())

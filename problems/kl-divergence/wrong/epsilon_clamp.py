import numpy as np


def kl_divergence(p: np.ndarray, q: np.ndarray, direction: str) -> float:
    # "Fixes" zeros by adding 1e-10 everywhere: finite where the answer should be inf.
    a, b = (p, q) if direction == "forward" else (q, p)
    eps = 1e-10
    return float(np.mean(np.sum(a * np.log((a + eps) / (b + eps)), axis=-1)))

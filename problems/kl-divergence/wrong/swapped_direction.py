import numpy as np


def kl_divergence(p: np.ndarray, q: np.ndarray, direction: str) -> float:
    # Maps "forward" to KL(q||p) and "reverse" to KL(p||q): the classic mix-up of the two directions.
    a, b = (q, p) if direction == "forward" else (p, q)
    terms = np.zeros_like(a)
    support = a > 0
    with np.errstate(divide="ignore"):
        terms[support] = a[support] * np.log(a[support] / b[support])
    return float(np.mean(terms.sum(axis=-1)))

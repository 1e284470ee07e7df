import numpy as np


def cross_entropy(logits: np.ndarray, labels: np.ndarray) -> float:
    # No max shift at all: exp(1000) overflows to inf.
    e = np.exp(logits)
    p = e / np.sum(e, axis=1, keepdims=True)
    return float(-np.mean(np.log(p[np.arange(len(labels)), labels])))

import numpy as np


def log_softmax(x: np.ndarray) -> np.ndarray:
    """Log-softmax over the last axis; finite even where the probability underflows to 0."""
    x = np.asarray(x, dtype=np.float64)
    m = np.max(x, axis=-1, keepdims=True)
    shifted = x - m
    # log-sum-exp of the shifted row: the largest term is exp(0) = 1, so the log argument is in [1, n].
    lse = np.log(np.sum(np.exp(shifted), axis=-1, keepdims=True))
    return shifted - lse

import numpy as np


def log_softmax(x: np.ndarray) -> np.ndarray:
    # A stable softmax, then log: probabilities below ~1e-308 are already 0, so log gives -inf.
    e = np.exp(x - np.max(x, axis=-1, keepdims=True))
    return np.log(e / np.sum(e, axis=-1, keepdims=True))

import numpy as np


def softmax(x: np.ndarray) -> np.ndarray:
    # Normalises over the first axis (columns of a matrix) instead of the last.
    e = np.exp(x - np.max(x, axis=0, keepdims=True))
    return e / np.sum(e, axis=0, keepdims=True)

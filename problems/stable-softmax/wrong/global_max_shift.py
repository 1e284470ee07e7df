import numpy as np


def softmax(x: np.ndarray) -> np.ndarray:
    # Shifts by the max of the whole array instead of each row: a row far below the
    # global max underflows to all zeros and becomes 0 / 0 = nan.
    e = np.exp(x - np.max(x))
    return e / np.sum(e, axis=-1, keepdims=True)

import numpy as np


def log_softmax(x: np.ndarray) -> np.ndarray:
    # np.logaddexp is a stable pairwise log(e^a + e^b); reducing it along the axis gives log-sum-exp.
    lse = np.logaddexp.reduce(x, axis=-1, keepdims=True)
    return x - lse

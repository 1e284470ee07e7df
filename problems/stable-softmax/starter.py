import numpy as np


def softmax(x: np.ndarray) -> np.ndarray:
    """Softmax over the last axis of a float64 array, stable for logits of magnitude ~1000."""
    raise NotImplementedError

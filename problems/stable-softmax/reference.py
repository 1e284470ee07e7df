import numpy as np


def softmax(x: np.ndarray) -> np.ndarray:
    """Softmax over the last axis of a float64 array, stable for logits of magnitude ~1000."""
    x = np.asarray(x, dtype=np.float64)
    # Shift each slice by its own max: exp() then sees values <= 0, so it cannot overflow,
    # and the largest term is exactly 1, so the sum cannot underflow to 0.
    shifted = x - np.max(x, axis=-1, keepdims=True)
    e = np.exp(shifted)
    return e / np.sum(e, axis=-1, keepdims=True)

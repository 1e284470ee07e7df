import numpy as np


def attention_backward(
    dout: np.ndarray, q: np.ndarray, k: np.ndarray, v: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Gradients (dq, dk, dv) of sum(out * dout) for out = softmax(q @ k.T / sqrt(d)) @ v."""
    raise NotImplementedError

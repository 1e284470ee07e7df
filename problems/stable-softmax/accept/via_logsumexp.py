import numpy as np


def softmax(x: np.ndarray) -> np.ndarray:
    # exp(x - logsumexp(x)), with logsumexp computed stably by hand.
    m = np.max(x, axis=-1, keepdims=True)
    lse = m + np.log(np.sum(np.exp(x - m), axis=-1, keepdims=True))
    return np.exp(x - lse)

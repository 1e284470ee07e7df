import numpy as np


def softmax_cross_entropy_backward(logits: np.ndarray, targets: np.ndarray) -> tuple[float, np.ndarray]:
    """Mean cross-entropy of softmax(logits) against integer targets, and its gradient w.r.t. logits."""
    n = logits.shape[0]
    shifted = logits - np.max(logits, axis=1, keepdims=True)  # every exponent <= 0: no overflow
    lse = np.log(np.sum(np.exp(shifted), axis=1, keepdims=True))
    log_probs = shifted - lse  # log-softmax, finite even where the probability underflows
    rows = np.arange(n)
    loss = float(-np.mean(log_probs[rows, targets]))
    dlogits = np.exp(log_probs)
    dlogits[rows, targets] -= 1.0
    return loss, dlogits / n

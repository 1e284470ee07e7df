import math

import numpy as np


def tensor_parallel_mlp(x, W1, W2, P, activation):
    # Uses the exact erf GELU where the statement asks for the tanh approximation (they differ by up to ~1e-3).
    f = W1.shape[1] // P
    erf = np.vectorize(math.erf)

    def act(h):
        if activation == "relu":
            return np.maximum(h, 0.0)
        if activation == "silu":
            return h / (1.0 + np.exp(-h))
        if activation == "gelu_tanh":
            return 0.5 * h * (1.0 + erf(h / math.sqrt(2.0)))
        return h

    partials = np.stack([act(x @ W1[:, p * f:(p + 1) * f]) @ W2[p * f:(p + 1) * f] for p in range(P)])
    return partials, partials.sum(axis=0)

import numpy as np


def _act(h, name):
    if name == "relu":
        return np.maximum(h, 0.0)
    if name == "silu":
        return h / (1.0 + np.exp(-h))
    if name == "gelu_tanh":
        return 0.5 * h * (1.0 + np.tanh(np.sqrt(2.0 / np.pi) * (h + 0.044715 * h**3)))
    return h


def tensor_parallel_mlp(x, W1, W2, P, activation):
    # Shard p takes hidden units p, p + P, p + 2P, ... (strided) instead of a contiguous block: y is still
    # right, but each shard's partial output is not the one the statement defines.
    partials = np.stack([_act(x @ W1[:, p::P], activation) @ W2[p::P] for p in range(P)])
    return partials, partials.sum(axis=0)

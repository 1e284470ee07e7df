import numpy as np


def tensor_parallel_mlp(x, W1, W2, P, activation):
    # Applies the activation after the all-reduce, as if the two linears were one: act(sum) != sum of act.
    f = W1.shape[1] // P
    partials = np.stack([(x @ W1[:, p * f:(p + 1) * f]) @ W2[p * f:(p + 1) * f] for p in range(P)])
    y = partials.sum(axis=0)
    if activation == "relu":
        y = np.maximum(y, 0.0)
    elif activation == "silu":
        y = y / (1.0 + np.exp(-y))
    elif activation == "gelu_tanh":
        y = 0.5 * y * (1.0 + np.tanh(np.sqrt(2.0 / np.pi) * (y + 0.044715 * y**3)))
    return partials, y

import numpy as np


def tensor_parallel_mlp(x, W1, W2, P, activation):
    # All shards at once: reshape W1's columns into (P, f) blocks and W2's rows likewise, then einsum.
    D, F = W1.shape
    f = F // P
    h = np.einsum("bd,dpf->pbf", x, W1.reshape(D, P, f))
    if activation == "relu":
        h = np.where(h > 0, h, 0.0)
    elif activation == "silu":
        h = h * (0.5 * (1.0 + np.tanh(0.5 * h)))  # sigmoid written through tanh
    elif activation == "gelu_tanh":
        inner = np.sqrt(2.0 / np.pi) * h * (1.0 + 0.044715 * h * h)
        h = h * (0.5 + 0.5 * np.tanh(inner))
    partials = np.einsum("pbf,pfd->pbd", h, W2.reshape(P, f, -1))
    y = np.zeros_like(partials[0])
    for p in reversed(range(P)):
        y = y + partials[p]
    return partials, y

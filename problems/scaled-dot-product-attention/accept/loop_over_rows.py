import math

import numpy as np


def attention(Q, K, V, causal=False):
    # One query row at a time, with a log-sum-exp normaliser instead of dividing by a max-shifted sum.
    B, t_q, d = Q.shape
    t_k = K.shape[1]
    out = np.empty((B, t_q, V.shape[2]))
    for b in range(B):
        for i in range(t_q):
            last = t_k - t_q + i if causal else t_k - 1
            s = K[b, : last + 1] @ Q[b, i] / math.sqrt(d)
            log_w = s - np.logaddexp.reduce(s)
            out[b, i] = np.exp(log_w) @ V[b, : last + 1]
    return out

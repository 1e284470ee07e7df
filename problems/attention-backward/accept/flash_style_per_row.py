import numpy as np


def attention_backward(dout, q, k, v):
    # FlashAttention-style: recompute the softmax row by row from its log-sum-exp, and use
    # D_i = dout_i . out_i for the softmax Jacobian's row-sum term (equal to sum_j P_ij dP_ij).
    d = q.shape[1]
    scale = 1.0 / np.sqrt(d)
    dq = np.zeros_like(q)
    dk = np.zeros_like(k)
    dv = np.zeros_like(v)
    for i in range(q.shape[0]):
        s = k @ q[i] * scale
        m = np.max(s)
        lse = m + np.log(np.sum(np.exp(s - m)))
        p = np.exp(s - lse)
        out_i = p @ v
        delta = float(dout[i] @ out_i)
        dv += np.outer(p, dout[i])
        ds = p * (v @ dout[i] - delta)
        dq[i] = scale * (ds @ k)
        dk += scale * np.outer(ds, q[i])
    return dq, dk, dv

import numpy as np


def attention_backward(
    dout: np.ndarray, q: np.ndarray, k: np.ndarray, v: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Gradients (dq, dk, dv) of sum(out * dout) for out = softmax(q @ k.T / sqrt(d)) @ v."""
    scale = 1.0 / np.sqrt(q.shape[1])
    s = (q @ k.T) * scale
    e = np.exp(s - np.max(s, axis=1, keepdims=True))  # stable softmax over keys
    p = e / np.sum(e, axis=1, keepdims=True)
    dv = p.T @ dout
    dp = dout @ v.T
    # Softmax Jacobian, row by row: dS = P * (dP - sum_j P_j dP_j).
    ds = p * (dp - np.sum(p * dp, axis=1, keepdims=True))
    dq = (ds @ k) * scale
    dk = (ds.T @ q) * scale
    return dq, dk, dv

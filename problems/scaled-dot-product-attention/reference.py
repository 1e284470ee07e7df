import numpy as np


def attention(Q: np.ndarray, K: np.ndarray, V: np.ndarray, causal: bool = False) -> np.ndarray:
    """Return softmax(Q K^T / sqrt(d)) V per batch, with an end-aligned causal mask if asked."""
    Q = np.asarray(Q, dtype=np.float64)
    K = np.asarray(K, dtype=np.float64)
    V = np.asarray(V, dtype=np.float64)
    d = Q.shape[-1]
    t_q, t_k = Q.shape[1], K.shape[1]
    scores = Q @ np.swapaxes(K, -1, -2) / np.sqrt(d)  # (B, Tq, Tk)
    if causal:
        # Query i sits at absolute position (Tk - Tq) + i: the last query lines up with the last key.
        query_pos = np.arange(t_q)[:, None] + (t_k - t_q)
        allowed = np.arange(t_k)[None, :] <= query_pos
        scores = np.where(allowed, scores, -np.inf)
    # Subtract the row max so exp() never overflows; a masked -inf becomes exactly 0.
    scores = scores - np.max(scores, axis=-1, keepdims=True)
    weights = np.exp(scores)
    weights /= np.sum(weights, axis=-1, keepdims=True)
    return weights @ V

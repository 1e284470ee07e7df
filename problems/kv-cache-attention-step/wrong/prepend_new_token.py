import numpy as np


def attention_decode_step(x, Wq, Wk, Wv, Wo, k_cache, v_cache, n_heads, n_kv_heads):
    # Puts the new key/value at the front of the time axis instead of appending it.
    B = x.shape[0]
    dh = Wq.shape[1] // n_heads
    group = n_heads // n_kv_heads
    q = (x @ Wq).reshape(B, n_heads, dh)
    k_new = (x @ Wk).reshape(B, n_kv_heads, 1, dh)
    v_new = (x @ Wv).reshape(B, n_kv_heads, 1, dh)
    # New arrays: the caller's caches stay untouched.
    k = np.concatenate([k_new, k_cache], axis=2)
    v = np.concatenate([v_new, v_cache], axis=2)
    kv_of_head = np.arange(n_heads) // group          # query head h reads kv head h // group
    kh, vh = k[:, kv_of_head], v[:, kv_of_head]       # (B, H, T+1, dh)
    scores = np.einsum("bhd,bhtd->bht", q, kh) / np.sqrt(dh)
    scores = scores - scores.max(axis=-1, keepdims=True)
    weights = np.exp(scores)
    weights /= weights.sum(axis=-1, keepdims=True)
    out = np.einsum("bht,bhtd->bhd", weights, vh).reshape(B, n_heads * dh)
    return out @ Wo, k, v

import numpy as np


def attention_decode_step(x, Wq, Wk, Wv, Wo, k_cache, v_cache, n_heads, n_kv_heads):
    """One decode step of grouped-query attention: append the new key/value, attend, project.

    Returns (y, new_k_cache, new_v_cache).
    """
    raise NotImplementedError

import math

import numpy as np


def attention_decode_step(x, Wq, Wk, Wv, Wo, k_cache, v_cache, n_heads, n_kv_heads):
    # Llama-style repeat_kv (np.repeat over the head axis), then a plain loop over heads with a
    # log-sum-exp softmax.
    B, D = x.shape
    dh = Wq.shape[1] // n_heads
    group = n_heads // n_kv_heads
    k_new = np.stack([(x @ Wk)[:, g * dh:(g + 1) * dh] for g in range(n_kv_heads)], axis=1)[:, :, None, :]
    v_new = np.stack([(x @ Wv)[:, g * dh:(g + 1) * dh] for g in range(n_kv_heads)], axis=1)[:, :, None, :]
    new_k = np.concatenate([k_cache, k_new], axis=2)
    new_v = np.concatenate([v_cache, v_new], axis=2)
    k_rep = np.repeat(new_k, group, axis=1)
    v_rep = np.repeat(new_v, group, axis=1)
    q_all = x @ Wq
    heads = []
    for h in range(n_heads):
        q = q_all[:, h * dh:(h + 1) * dh]                       # (B, dh)
        s = np.einsum("bd,btd->bt", q / math.sqrt(dh), k_rep[:, h])
        m = s.max(axis=1, keepdims=True)
        lse = m + np.log(np.exp(s - m).sum(axis=1, keepdims=True))
        heads.append(np.einsum("bt,btd->bd", np.exp(s - lse), v_rep[:, h]))
    return np.concatenate(heads, axis=1) @ Wo, new_k, new_v

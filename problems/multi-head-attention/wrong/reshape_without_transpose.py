import math

import torch


def multi_head_attention(x, W_q, W_k, W_v, W_o, n_heads, causal=False):
    # Splits heads with .view(B, H, T, d_head) straight from (B, T, d_model): the memory layout is
    # (T, d_model), so each "head" gets a jumble of features from different tokens.
    B, T, d_model = x.shape
    dh = d_model // n_heads
    q = (x @ W_q.T).reshape(B, n_heads, T, dh)
    k = (x @ W_k.T).reshape(B, n_heads, T, dh)
    v = (x @ W_v.T).reshape(B, n_heads, T, dh)
    s = q @ k.transpose(-1, -2) / math.sqrt(dh)
    if causal:
        s = s.masked_fill(~torch.ones(T, T, dtype=torch.bool).tril(), float("-inf"))
    heads = torch.softmax(s, dim=-1) @ v
    return heads.reshape(B, T, d_model) @ W_o.T

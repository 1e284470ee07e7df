import math

import torch


def multi_head_attention(x, W_q, W_k, W_v, W_o, n_heads, causal=False):
    # Head h uses rows h*dh:(h+1)*dh of each projection matrix; concatenate head outputs in order.
    T, d_model = x.shape[1], x.shape[2]
    dh = d_model // n_heads
    outs = []
    for h in range(n_heads):
        rows = slice(h * dh, (h + 1) * dh)
        q, k, v = x @ W_q[rows].T, x @ W_k[rows].T, x @ W_v[rows].T
        s = q @ k.transpose(-1, -2) / math.sqrt(dh)
        if causal:
            s = s + torch.full((T, T), float("-inf"), dtype=x.dtype).triu(1)
        outs.append(torch.softmax(s, dim=-1) @ v)
    return torch.cat(outs, dim=-1) @ W_o.T

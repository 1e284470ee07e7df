# Heads taken as strided columns: view(B, T, dh, H) puts column c in head c % H, not head c // dh.
import math

import torch
import torch.nn.functional as F


def _rms(z, w, eps):
    return z / torch.sqrt(z.pow(2).mean(-1, keepdim=True) + eps) * w


def transformer_block(x, attn_norm_w, Wq, Wk, Wv, Wo, ffn_norm_w, W1, W3, W2, n_heads, eps=1e-6):
    B, T, D = x.shape
    dh = D // n_heads
    a = _rms(x, attn_norm_w, eps)
    q, k, v = ((a @ W).view(B, T, dh, n_heads).permute(0, 3, 1, 2) for W in (Wq, Wk, Wv))
    s = (q @ k.transpose(-1, -2) / math.sqrt(dh)).masked_fill(torch.ones(T, T, dtype=torch.bool).triu(1), -math.inf)
    o = (torch.softmax(s, -1) @ v).permute(0, 2, 3, 1).reshape(B, T, D)
    h = x + o @ Wo
    f = _rms(h, ffn_norm_w, eps)
    return h + (F.silu(f @ W1) * (f @ W3)) @ W2

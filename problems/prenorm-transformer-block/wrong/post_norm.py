# Post-norm (original Transformer): normalise after each residual add instead of before each sublayer.
import math

import torch
import torch.nn.functional as F


def _rms(z, w, eps):
    return z / torch.sqrt(z.pow(2).mean(-1, keepdim=True) + eps) * w


def _attn(a, Wq, Wk, Wv, Wo, n_heads, causal=True, scale_dim=None):
    B, T, D = a.shape
    dh = D // n_heads
    q, k, v = ((a @ W).view(B, T, n_heads, dh).transpose(1, 2) for W in (Wq, Wk, Wv))
    s = q @ k.transpose(-1, -2) / math.sqrt(scale_dim or dh)
    if causal:
        s = s.masked_fill(torch.ones(T, T, dtype=torch.bool).triu(1), -math.inf)
    return (torch.softmax(s, -1) @ v).transpose(1, 2).reshape(B, T, D) @ Wo


def _ffn(f, W1, W3, W2):
    return (F.silu(f @ W1) * (f @ W3)) @ W2


def transformer_block(x, attn_norm_w, Wq, Wk, Wv, Wo, ffn_norm_w, W1, W3, W2, n_heads, eps=1e-6):
    h = _rms(x + _attn(x, Wq, Wk, Wv, Wo, n_heads), attn_norm_w, eps)
    return _rms(h + _ffn(h, W1, W3, W2), ffn_norm_w, eps)

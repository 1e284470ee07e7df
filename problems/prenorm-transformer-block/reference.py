import math

import torch


def _rms_norm(x: torch.Tensor, weight: torch.Tensor, eps: float) -> torch.Tensor:
    return x / torch.sqrt(x.pow(2).mean(dim=-1, keepdim=True) + eps) * weight


def transformer_block(x, attn_norm_w, Wq, Wk, Wv, Wo, ffn_norm_w, W1, W3, W2, n_heads, eps=1e-6):
    """One LLaMA-style pre-norm block: h = x + Attn(RMSNorm(x)); y = h + SwiGLU(RMSNorm(h)). Causal, no bias."""
    B, T, D = x.shape
    dh = Wq.shape[1] // n_heads
    a = _rms_norm(x, attn_norm_w, eps)
    # (B, T, H*dh) -> (B, H, T, dh): head h is columns h*dh:(h+1)*dh.
    q, k, v = ((a @ W).view(B, T, n_heads, dh).transpose(1, 2) for W in (Wq, Wk, Wv))
    scores = q @ k.transpose(-1, -2) / math.sqrt(dh)
    future = torch.ones(T, T, dtype=torch.bool).triu(1)
    probs = torch.softmax(scores.masked_fill(future, -math.inf), dim=-1)
    heads = (probs @ v).transpose(1, 2).reshape(B, T, n_heads * dh)
    h = x + heads @ Wo
    f = _rms_norm(h, ffn_norm_w, eps)
    gate = f @ W1
    return h + (gate * torch.sigmoid(gate) * (f @ W3)) @ W2

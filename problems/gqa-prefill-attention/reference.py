import math

import torch


def gqa_prefill_attention(q: torch.Tensor, k: torch.Tensor, v: torch.Tensor) -> torch.Tensor:
    """Causal grouped-query attention: query head h reads kv head h // (H // Hkv); returns (B, H, T, dh)."""
    n_heads, n_kv_heads, t, dh = q.shape[1], k.shape[1], q.shape[2], q.shape[3]
    group = n_heads // n_kv_heads
    # Consecutive query heads share a kv head: repeat_interleave, not repeat (which would tile the kv heads).
    keys = k.repeat_interleave(group, dim=1)
    values = v.repeat_interleave(group, dim=1)
    scores = q @ keys.transpose(-2, -1) / math.sqrt(dh)
    future = torch.triu(torch.ones(t, t, dtype=torch.bool), diagonal=1)
    scores = scores.masked_fill(future, float("-inf"))
    return torch.softmax(scores, dim=-1) @ values

# k.repeat(1, G, 1, 1) tiles the kv heads (0, 1, 0, 1, ...): query head h reads kv head h % Hkv, not h // G.
import math

import torch


def gqa_prefill_attention(q, k, v):
    t, dh = q.shape[2], q.shape[3]
    group = q.shape[1] // k.shape[1]
    keys, values = k.repeat(1, group, 1, 1), v.repeat(1, group, 1, 1)
    scores = q @ keys.transpose(-2, -1) / math.sqrt(dh)
    scores = scores.masked_fill(torch.triu(torch.ones(t, t, dtype=torch.bool), diagonal=1), float("-inf"))
    return torch.softmax(scores, dim=-1) @ values

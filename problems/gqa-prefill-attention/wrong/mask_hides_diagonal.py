# Off by one: triu(diagonal=0) also masks each token's own key, so position 0 sees nothing (a NaN row).
import math

import torch


def gqa_prefill_attention(q, k, v):
    t, dh = q.shape[2], q.shape[3]
    group = q.shape[1] // k.shape[1]
    keys, values = k.repeat_interleave(group, dim=1), v.repeat_interleave(group, dim=1)
    scores = q @ keys.transpose(-2, -1) / math.sqrt(dh)
    scores = scores.masked_fill(torch.triu(torch.ones(t, t, dtype=torch.bool), diagonal=0), float("-inf"))
    return torch.softmax(scores, dim=-1) @ values

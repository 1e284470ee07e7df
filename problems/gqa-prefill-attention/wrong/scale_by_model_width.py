# Scales by 1/sqrt(H * dh), the model width, instead of the head dimension dh.
import math

import torch


def gqa_prefill_attention(q, k, v):
    h, t, dh = q.shape[1], q.shape[2], q.shape[3]
    group = h // k.shape[1]
    keys, values = k.repeat_interleave(group, dim=1), v.repeat_interleave(group, dim=1)
    scores = q @ keys.transpose(-2, -1) / math.sqrt(h * dh)
    scores = scores.masked_fill(torch.triu(torch.ones(t, t, dtype=torch.bool), diagonal=1), float("-inf"))
    return torch.softmax(scores, dim=-1) @ values

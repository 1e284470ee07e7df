# Bidirectional attention: every prompt position also reads the future tokens.
import math

import torch


def gqa_prefill_attention(q, k, v):
    group = q.shape[1] // k.shape[1]
    keys, values = k.repeat_interleave(group, dim=1), v.repeat_interleave(group, dim=1)
    scores = q @ keys.transpose(-2, -1) / math.sqrt(q.shape[-1])
    return torch.softmax(scores, dim=-1) @ values

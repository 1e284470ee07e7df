# PyTorch's fused kernel with is_causal=True on kv heads expanded to query heads.
import torch
import torch.nn.functional as F


def gqa_prefill_attention(q, k, v):
    group = q.shape[1] // k.shape[1]
    return F.scaled_dot_product_attention(q, k.repeat_interleave(group, dim=1), v.repeat_interleave(group, dim=1),
                                          is_causal=True)

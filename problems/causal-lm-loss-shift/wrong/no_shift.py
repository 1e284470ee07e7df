# Forgets the shift: scores position t's logits against token t itself.
import torch.nn.functional as F


def causal_lm_loss(logits, input_ids, attention_mask):
    labels = input_ids.masked_fill(attention_mask == 0, -100)
    return F.cross_entropy(logits.reshape(-1, logits.shape[-1]), labels.reshape(-1), ignore_index=-100)

# The Hugging Face recipe: labels = input_ids with -100 at padding, shift, F.cross_entropy(ignore_index=-100).
import torch.nn.functional as F


def causal_lm_loss(logits, input_ids, attention_mask):
    labels = input_ids.masked_fill(attention_mask == 0, -100)
    V = logits.shape[-1]
    return F.cross_entropy(logits[:, :-1].reshape(-1, V), labels[:, 1:].reshape(-1), ignore_index=-100)

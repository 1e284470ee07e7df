# Hugging Face style: build shifted labels with -100 wherever a target is not supervised or crosses a
# document boundary, then one F.cross_entropy call with ignore_index=-100 (a token-level mean).
import torch
import torch.nn.functional as F


def sft_packed_loss(logits, tokens, loss_mask, doc_ids):
    labels = tokens[1:].clone()
    labels[~loss_mask[1:]] = -100
    labels[doc_ids[1:] != doc_ids[:-1]] = -100
    if (labels != -100).sum() == 0:           # F.cross_entropy would return nan (0 / 0) here
        return torch.tensor(0.0, dtype=torch.float64)
    return F.cross_entropy(logits[:-1], labels, ignore_index=-100)

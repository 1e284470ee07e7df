# Applies the loss mask to the input position t instead of the target position t + 1: the last prompt token
# (which predicts the first response token) is dropped and the last response token (predicting whatever
# follows) is kept.
import torch


def sft_packed_loss(logits, tokens, loss_mask, doc_ids):
    nll = -torch.log_softmax(logits[:-1], dim=-1).gather(1, tokens[1:].unsqueeze(1)).squeeze(1)
    keep = loss_mask[:-1] & (doc_ids[1:] == doc_ids[:-1])
    if keep.sum() == 0:
        return torch.zeros((), dtype=logits.dtype)
    return nll[keep].sum() / keep.sum()

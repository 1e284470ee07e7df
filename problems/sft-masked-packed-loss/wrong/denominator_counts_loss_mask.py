# Right numerator, but divides by loss_mask.sum(): supervised tokens that start a document (and so are never
# predicted) still count in the denominator.
import torch


def sft_packed_loss(logits, tokens, loss_mask, doc_ids):
    nll = -torch.log_softmax(logits[:-1], dim=-1).gather(1, tokens[1:].unsqueeze(1)).squeeze(1)
    keep = loss_mask[1:] & (doc_ids[1:] == doc_ids[:-1])
    if keep.sum() == 0:
        return torch.zeros((), dtype=logits.dtype)
    return nll[keep].sum() / loss_mask.sum()

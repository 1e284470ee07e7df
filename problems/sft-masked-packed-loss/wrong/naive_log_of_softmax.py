# log(exp(x) / sum(exp(x))) without subtracting the max: exp overflows for logits near 1e3 (inf / inf = nan).
import torch


def sft_packed_loss(logits, tokens, loss_mask, doc_ids):
    e = torch.exp(logits[:-1])
    probs = e / e.sum(dim=-1, keepdim=True)
    nll = -torch.log(probs.gather(1, tokens[1:].unsqueeze(1)).squeeze(1))
    keep = loss_mask[1:] & (doc_ids[1:] == doc_ids[:-1])
    if keep.sum() == 0:
        return torch.zeros((), dtype=logits.dtype)
    return nll[keep].sum() / keep.sum()

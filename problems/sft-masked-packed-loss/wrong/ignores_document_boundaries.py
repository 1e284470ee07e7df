# Shifts and masks prompts, but treats the pack as one long document: the last token of a document is
# trained to predict the first (supervised) token of the next one.
import torch


def sft_packed_loss(logits, tokens, loss_mask, doc_ids):
    nll = -torch.log_softmax(logits[:-1], dim=-1).gather(1, tokens[1:].unsqueeze(1)).squeeze(1)
    keep = loss_mask[1:]
    if keep.sum() == 0:
        return torch.zeros((), dtype=logits.dtype)
    return nll[keep].sum() / keep.sum()

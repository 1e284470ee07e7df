# Averages each sequence's tokens first, then the sequences: short sequences get more weight per token.
import torch


def causal_lm_loss(logits, input_ids, attention_mask):
    log_probs = torch.log_softmax(logits[:, :-1], dim=-1)
    nll = -log_probs.gather(-1, input_ids[:, 1:].unsqueeze(-1)).squeeze(-1)
    counted = (attention_mask[:, 1:] != 0).to(nll.dtype)
    per_seq = (nll * counted).sum(dim=1) / counted.sum(dim=1).clamp(min=1)
    return per_seq[counted.sum(dim=1) > 0].mean()

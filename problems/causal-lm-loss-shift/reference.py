import torch


def causal_lm_loss(logits: torch.Tensor, input_ids: torch.Tensor, attention_mask: torch.Tensor) -> torch.Tensor:
    """Mean next-token cross-entropy: position t predicts input_ids[:, t+1], counted iff attention_mask[:, t+1]."""
    logits = logits.to(torch.float64)
    pred = logits[:, :-1, :]                                  # positions 0..T-2 predict 1..T-1
    target = input_ids[:, 1:].long()
    counted = attention_mask[:, 1:] != 0                      # the target token's own mask decides
    log_probs = torch.log_softmax(pred, dim=-1)               # stable for logits of size 1e3
    nll = -log_probs.gather(-1, target.unsqueeze(-1)).squeeze(-1)
    return torch.where(counted, nll, torch.zeros_like(nll)).sum() / counted.sum()

import torch


def causal_lm_loss(logits: torch.Tensor, input_ids: torch.Tensor, attention_mask: torch.Tensor) -> torch.Tensor:
    """Next-token cross-entropy of a causal LM.

    logits: float64 (B, T, V); input_ids: int64 (B, T); attention_mask: int64 (B, T) of 0/1.
    The logits at position t predict input_ids[:, t + 1]; a target counts iff attention_mask[:, t + 1] == 1.
    Return the mean negative log-likelihood over the counted targets, as a 0-dim tensor (or a Python float).
    """
    return None

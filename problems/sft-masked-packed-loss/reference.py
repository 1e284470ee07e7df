import torch


def sft_packed_loss(logits: torch.Tensor, tokens: torch.Tensor, loss_mask: torch.Tensor,
                    doc_ids: torch.Tensor) -> torch.Tensor:
    """Mean next-token cross-entropy over supervised targets that stay inside their document; 0 if there are none."""
    log_probs = torch.log_softmax(logits[:-1], dim=-1)                  # position t predicts tokens[t + 1]
    targets = tokens[1:]
    keep = loss_mask[1:] & (doc_ids[1:] == doc_ids[:-1])                # supervised target, same document
    nll = -log_probs.gather(1, targets.unsqueeze(1)).squeeze(1)
    count = keep.sum()
    if count == 0:
        return torch.zeros((), dtype=logits.dtype)
    return torch.where(keep, nll, torch.zeros_like(nll)).sum() / count

import torch


def sft_packed_loss(logits: torch.Tensor, tokens: torch.Tensor, loss_mask: torch.Tensor,
                    doc_ids: torch.Tensor) -> torch.Tensor:
    """Token-level SFT cross-entropy on one packed sequence.

    logits: float64 (T, V), row t is the prediction for the token at position t + 1.
    tokens: int64 (T,); loss_mask: bool (T,), True where tokens[t] is a supervised (response) token;
    doc_ids: int64 (T,), non-decreasing, the document each position belongs to.
    Position t (0 <= t <= T-2) counts iff loss_mask[t+1] and doc_ids[t+1] == doc_ids[t]; its loss is
    -log_softmax(logits[t])[tokens[t+1]]. Return the sum over counted positions / their number (a 0-d tensor),
    or 0.0 when no position counts.
    """
    return None

import torch


def infonce_loss(q: torch.Tensor, p: torch.Tensor, n: torch.Tensor | None = None,
                 temperature: float = 0.05) -> torch.Tensor:
    """InfoNCE with in-batch negatives and optional hard negatives.

    q, p: float64 (B, d) queries and their positives; n: float64 (B, M, d) hard negatives, or None.
    For query i the candidates are [p_i, p_j for j != i (increasing j), n_i0, ..., n_i(M-1)], scored by
    cosine similarity / temperature; the loss is the mean over i of the cross-entropy with target index 0.
    Return a 0-dim tensor (or a Python float).
    """
    return None

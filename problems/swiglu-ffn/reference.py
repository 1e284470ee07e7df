import torch


def swiglu_ffn(x: torch.Tensor, W1: torch.Tensor, W3: torch.Tensor, W2: torch.Tensor) -> torch.Tensor:
    """Return (silu(x @ W1) * (x @ W3)) @ W2 over the last axis of x (LLaMA's gate / up / down projections)."""
    gate = x @ W1                          # (..., F)
    up = x @ W3                            # (..., F)
    # silu(z) = z * sigmoid(z); torch.sigmoid saturates cleanly to 0 or 1, so |z| ~ 1e3 stays finite.
    return (gate * torch.sigmoid(gate) * up) @ W2

import torch


def swiglu_ffn(x: torch.Tensor, W1: torch.Tensor, W3: torch.Tensor, W2: torch.Tensor) -> torch.Tensor:
    """SwiGLU feed-forward layer with row vectors.

    x: float64 (..., D); W1 (gate) and W3 (up): (D, F); W2 (down): (F, D).
    Returns (silu(x @ W1) * (x @ W3)) @ W2, shape (..., D), where silu(z) = z * sigmoid(z).
    """
    return None

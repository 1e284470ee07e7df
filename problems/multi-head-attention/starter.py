import torch


def multi_head_attention(x: torch.Tensor, W_q: torch.Tensor, W_k: torch.Tensor, W_v: torch.Tensor,
                         W_o: torch.Tensor, n_heads: int, causal: bool = False) -> torch.Tensor:
    """Multi-head self-attention without biases; every projection is y = x @ W.T like nn.Linear.

    x: (B, T, d_model) float64; W_q, W_k, W_v, W_o: (d_model, d_model) float64.
    Returns a float64 tensor of shape (B, T, d_model).
    """
    raise NotImplementedError

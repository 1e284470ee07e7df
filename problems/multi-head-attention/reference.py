import math

import torch


def multi_head_attention(x: torch.Tensor, W_q: torch.Tensor, W_k: torch.Tensor, W_v: torch.Tensor,
                         W_o: torch.Tensor, n_heads: int, causal: bool = False) -> torch.Tensor:
    """Multi-head self-attention without biases; every projection is y = x @ W.T like nn.Linear."""
    B, T, d_model = x.shape
    d_head = d_model // n_heads

    def split_heads(t: torch.Tensor) -> torch.Tensor:
        # (B, T, d_model) -> (B, T, H, d_head) -> (B, H, T, d_head): head h owns features h*d_head.. .
        return t.reshape(B, T, n_heads, d_head).transpose(1, 2)

    q = split_heads(x @ W_q.T)
    k = split_heads(x @ W_k.T)
    v = split_heads(x @ W_v.T)
    scores = q @ k.transpose(-1, -2) / math.sqrt(d_head)  # (B, H, T, T)
    if causal:
        allowed = torch.ones(T, T, dtype=torch.bool).tril()
        scores = scores.masked_fill(~allowed, float("-inf"))
    weights = torch.softmax(scores, dim=-1)  # torch.softmax subtracts the row max internally
    heads = weights @ v  # (B, H, T, d_head)
    concat = heads.transpose(1, 2).reshape(B, T, d_model)
    return concat @ W_o.T

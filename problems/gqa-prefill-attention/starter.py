import torch


def gqa_prefill_attention(q: torch.Tensor, k: torch.Tensor, v: torch.Tensor) -> torch.Tensor:
    """Causal grouped-query attention over a whole prompt.

    q: float64 (B, H, T, dh); k, v: float64 (B, Hkv, T, dh), H a multiple of Hkv.
    Query head h uses kv head h // (H // Hkv). Scores q·k / sqrt(dh); position i attends to positions j <= i.
    Returns float64 (B, H, T, dh).
    """
    raise NotImplementedError

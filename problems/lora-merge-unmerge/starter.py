import numpy as np


def lora_merge(W, A, B, alpha, r, unmerge=False):
    """Fold a LoRA update into a frozen weight (or take it back out).

    W: (d_out, d_in) float64; A: (r, d_in); B: (d_out, r); alpha: float; r: int rank (== A.shape[0]).
    Return W + (alpha / r) * B @ A, or W - (alpha / r) * B @ A if unmerge, as a new float64 array.
    """
    return None

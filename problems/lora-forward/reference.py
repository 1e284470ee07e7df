import numpy as np


def lora_forward(x: np.ndarray, W: np.ndarray, A: np.ndarray, B: np.ndarray, alpha: float, r: int) -> np.ndarray:
    """Return x W^T + (alpha / r) (x A^T) B^T: the frozen layer plus the scaled low-rank update."""
    x = np.asarray(x, dtype=np.float64)
    scale = alpha / r
    # Go through the rank-r bottleneck: (batch, d_in) -> (batch, r) -> (batch, d_out); B @ A is never formed.
    return x @ W.T + scale * ((x @ A.T) @ B.T)

import numpy as np


def apply_rope(x: np.ndarray, positions: np.ndarray, base: float = 10000.0) -> np.ndarray:
    """Rotate feature pairs (i, i + d/2) of each row of x by positions[t] * base^(-2i/d) (GPT-NeoX / LLaMA-HF)."""
    x = np.asarray(x, dtype=np.float64)
    half = x.shape[-1] // 2
    inv_freq = base ** (-np.arange(half, dtype=np.float64) * 2.0 / x.shape[-1])  # (d/2,)
    angles = np.asarray(positions, dtype=np.float64)[:, None] * inv_freq[None, :]  # (T, d/2)
    cos, sin = np.cos(angles), np.sin(angles)
    first, second = x[:, :half], x[:, half:]
    # [a, b] -> [a cos - b sin, b cos + a sin] for each pair (a, b) = (x_i, x_{i + d/2}).
    return np.concatenate([first * cos - second * sin, second * cos + first * sin], axis=-1)

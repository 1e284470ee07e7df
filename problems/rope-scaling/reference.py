import numpy as np


def rope_scaled(x: np.ndarray, positions: np.ndarray, base: float = 10000.0, scaling: str = "none",
                factor: float = 1.0) -> np.ndarray:
    """Rotate-half RoPE on x (T, d) with no scaling, linear position interpolation, or NTK-aware base scaling."""
    d = x.shape[-1]
    half = d // 2
    pos = np.asarray(positions, dtype=np.float64)
    if scaling == "linear":
        pos = pos / factor                                     # squeeze factor * L positions into L
    elif scaling == "ntk":
        base = base * factor ** (d / (d - 2))                  # lowest frequency slowed by exactly `factor`
    elif scaling != "none":
        raise ValueError(f"unknown scaling {scaling!r}")
    inv_freq = base ** (-2.0 * np.arange(half, dtype=np.float64) / d)
    angles = pos[:, None] * inv_freq[None, :]                  # (T, d/2)
    cos, sin = np.cos(angles), np.sin(angles)
    first, second = x[:, :half], x[:, half:]                   # pairs (i, i + d/2): rotate-half
    return np.concatenate([first * cos - second * sin, second * cos + first * sin], axis=-1)

import numpy as np


def sinusoidal_positions(seq_len: int, d_model: int) -> np.ndarray:
    """PE[pos, 2i] = sin(pos / 10000^(2i/d)), PE[pos, 2i+1] = cos(pos / 10000^(2i/d)); shape (seq_len, d)."""
    positions = np.arange(seq_len, dtype=np.float64)[:, None]  # (T, 1)
    two_i = np.arange(0, d_model, 2, dtype=np.float64)[None, :]  # (1, d/2): 0, 2, 4, ...
    angles = positions / np.power(10000.0, two_i / d_model)  # (T, d/2)
    pe = np.empty((seq_len, d_model), dtype=np.float64)
    pe[:, 0::2] = np.sin(angles)  # even features
    pe[:, 1::2] = np.cos(angles)  # odd features share the frequency of the even feature before them
    return pe

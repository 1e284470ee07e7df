import numpy as np


def sinusoidal_positions(seq_len: int, d_model: int) -> np.ndarray:
    """PE[pos, 2i] = sin(pos / 10000^(2i/d)), PE[pos, 2i+1] = cos(pos / 10000^(2i/d)); shape (seq_len, d)."""
    raise NotImplementedError

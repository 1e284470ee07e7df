import numpy as np


def sinusoidal_positions(seq_len, d_model):
    # Off by one: positions 1..T instead of 0..T-1.
    inv_freq = 1.0 / 10000.0 ** (np.arange(0, d_model, 2) / d_model)
    angles = np.arange(1, seq_len + 1)[:, None] * inv_freq
    pe = np.zeros((seq_len, d_model))
    pe[:, 0::2], pe[:, 1::2] = np.sin(angles), np.cos(angles)
    return pe

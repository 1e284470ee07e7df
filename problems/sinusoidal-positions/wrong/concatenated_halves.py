import numpy as np


def sinusoidal_positions(seq_len, d_model):
    # All sines in the first half and all cosines in the second half: the right values in the wrong
    # layout (this concatenated layout is common in code, but it is not the paper's interleaving).
    inv_freq = 1.0 / 10000.0 ** (np.arange(0, d_model, 2) / d_model)
    angles = np.arange(seq_len)[:, None] * inv_freq
    return np.concatenate([np.sin(angles), np.cos(angles)], axis=-1)

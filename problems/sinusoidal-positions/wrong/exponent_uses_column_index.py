import numpy as np


def sinusoidal_positions(seq_len, d_model):
    # Uses the column index j in the exponent (10000^(j/d)) instead of 2i = 2*(j//2): the odd columns
    # get a different frequency from their even partner.
    j = np.arange(d_model)
    angles = np.arange(seq_len)[:, None] / 10000.0 ** (j / d_model)
    return np.where(j % 2 == 0, np.sin(angles), np.cos(angles))

import math

import numpy as np


def sinusoidal_positions(seq_len, d_model):
    # Frequencies as exp(-ln(10000) * 2i / d), the form used in many codebases; interleave via stack.
    inv_freq = np.exp(np.arange(0, d_model, 2) * (-math.log(10000.0) / d_model))
    angles = np.outer(np.arange(seq_len), inv_freq)
    return np.stack([np.sin(angles), np.cos(angles)], axis=-1).reshape(seq_len, d_model)

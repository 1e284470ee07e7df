import numpy as np


def rms_norm(x, weight, eps=1e-6):
    # Adds eps to the RMS instead of to the mean square.
    return x / (np.sqrt((x * x).mean(axis=-1, keepdims=True)) + eps) * weight

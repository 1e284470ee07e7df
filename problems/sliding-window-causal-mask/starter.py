import numpy as np


def sliding_window_causal_mask(T, S, W, offset):
    """(T, S) bool: True where query offset+r may attend to key j, i.e. offset+r-W < j <= offset+r."""
    raise NotImplementedError

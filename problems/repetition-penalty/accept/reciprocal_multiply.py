import numpy as np


def repetition_penalty(logits, context, theta, mode):
    # Multiplies by a factor (1/theta or theta) chosen per id, as a gather-scatter kernel would.
    ids = np.unique(np.asarray(context, dtype=np.int64))
    x = logits[ids]
    if mode == "ctrl":
        factor = np.full(x.shape, 1.0 / theta)
    else:
        factor = np.where(x < 0, theta, 1.0 / theta)
    out = logits.copy()
    out[ids] = x * factor
    return out

import numpy as np


def repetition_penalty(logits, context, theta, mode):
    # Confuses positions with token ids: penalises ids 0 .. len(context)-1 instead of the ids in `context`.
    out = logits.copy()
    n = min(len(context), logits.shape[0])
    x = logits[:n]
    if mode == "ctrl":
        out[:n] = x / theta
    else:
        out[:n] = np.where(x > 0, x / theta, x * theta)
    return out

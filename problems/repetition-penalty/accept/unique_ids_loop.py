import numpy as np


def repetition_penalty(logits, context, theta, mode):
    # A plain loop over the distinct ids, written the way the rules read.
    out = np.array(logits, dtype=np.float64)
    for token in set(int(t) for t in context):
        x = out[token]
        if mode == "ctrl" or x >= 0:
            out[token] = x / theta
        else:
            out[token] = x * theta
    return out

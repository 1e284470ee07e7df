import numpy as np


def repetition_penalty(logits, context, theta, mode):
    # Applies the penalty once per occurrence (a frequency penalty in disguise): a token seen 3 times is
    # divided by theta**3. The repetition penalty treats the context as a set.
    out = logits.copy()
    for token in np.asarray(context, dtype=np.int64):
        x = out[token]
        if mode == "ctrl" or x > 0:
            out[token] = x / theta
        else:
            out[token] = x * theta
    return out

import numpy as np


def repetition_penalty(logits, context, theta, mode):
    """Return new logits (V,) with every token id seen in `context` penalised once, by the CTRL or sign-aware rule."""
    if mode not in ("ctrl", "sign-aware"):
        raise ValueError(f"unknown mode {mode!r}")
    seen = np.zeros(logits.shape[0], dtype=bool)
    seen[np.asarray(context, dtype=np.int64)] = True   # a set of ids: repeats count once
    out = logits.copy()
    if mode == "ctrl":
        out[seen] = logits[seen] / theta                # CTRL: divide whatever the sign
    else:
        x = logits[seen]
        out[seen] = np.where(x > 0, x / theta, x * theta)  # later libraries: push every seen logit down
    return out

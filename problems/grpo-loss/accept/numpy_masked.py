# NumPy with np.where and a Python float result.
import numpy as np


def grpo_loss(logps, old_logps, ref_logps, advantages, mask, clip_eps=0.2, beta=0.04):
    lp, old, ref, a, m = (t.numpy() for t in (logps, old_logps, ref_logps, advantages, mask))
    ratio = np.exp(lp - old)
    a = a[:, None]
    surr = np.where(a >= 0, np.minimum(ratio, 1 + clip_eps), np.maximum(ratio, 1 - clip_eps)) * a
    d = ref - lp
    kl = np.expm1(d) - d
    per_token = np.where(m, beta * kl - surr, 0.0)
    return float(np.mean(per_token.sum(axis=1) / m.sum(axis=1)))

# NumPy, with the clip written by the sign of the advantage (A >= 0: cap the ratio above; A < 0: below).
import numpy as np


def ppo_loss(logps, old_logps, advantages, values, old_values, returns, entropy, clip_eps=0.2, value_clip=0.2,
             vf_coef=0.5, ent_coef=0.01):
    lp, old, a, v, v_old, ret, ent = (t.numpy() for t in (logps, old_logps, advantages, values, old_values,
                                                           returns, entropy))
    ratio = np.exp(lp - old)
    capped = np.where(a >= 0, np.minimum(ratio, 1 + clip_eps), np.maximum(ratio, 1 - clip_eps))
    pg = np.mean(-capped * a)
    v_clip = np.clip(v, v_old - value_clip, v_old + value_clip)
    vf = 0.5 * np.mean(np.maximum((v - ret) ** 2, (v_clip - ret) ** 2))
    return float(pg + vf_coef * vf - ent_coef * np.mean(ent))

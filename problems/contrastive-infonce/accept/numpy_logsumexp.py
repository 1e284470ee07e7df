# NumPy, one query at a time, positive first; returns a Python float.
import numpy as np


def infonce_loss(q, p, n=None, temperature=0.05):
    q, p = q.numpy(), p.numpy()
    q = q / np.linalg.norm(q, axis=1, keepdims=True)
    p = p / np.linalg.norm(p, axis=1, keepdims=True)
    total = 0.0
    for i in range(len(q)):
        cands = np.concatenate([p[i:i + 1], np.delete(p, i, axis=0)])
        if n is not None:
            ni = n[i].numpy()
            cands = np.concatenate([cands, ni / np.linalg.norm(ni, axis=1, keepdims=True)])
        s = cands @ q[i] / temperature
        m = s.max()
        total += m + np.log(np.exp(s - m).sum()) - s[0]
    return total / len(q)

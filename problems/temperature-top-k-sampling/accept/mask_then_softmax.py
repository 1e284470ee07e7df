import numpy as np


def sample_top_k(logits, temperature, top_k, seed):
    z = np.array(logits, dtype=np.float64) / temperature
    v = len(z)
    ranked = sorted(range(v), key=lambda i: (-z[i], i))
    if 0 < top_k < v:
        masked = np.full(v, -np.inf)
        masked[ranked[:top_k]] = z[ranked[:top_k]]
        z = masked
    # log-sum-exp softmax over the whole (masked) vocabulary; masked tokens get exactly 0
    lse = z.max() + np.log(np.sum(np.exp(z - z.max())))
    probs = np.exp(z - lse)
    u = np.random.default_rng(seed).random()
    total = 0.0
    last = ranked[0]
    for token in ranked:
        if probs[token] == 0.0:
            continue
        total += probs[token]
        last = token
        if u < total:
            return token
    return last

import math

import numpy as np


def sample_top_p(logits, temperature, top_p, seed):
    z = [float(x) / temperature for x in logits]
    ranked = sorted(range(len(z)), key=lambda i: (-z[i], i))
    top = z[ranked[0]]
    weights = [math.exp(z[i] - top) for i in ranked]
    total = sum(weights)
    kept, mass = [], 0.0
    for token, w in zip(ranked, weights):
        kept.append((token, w))
        mass += w / total
        if top_p < 1.0 and mass >= top_p:
            break
    norm = sum(w for _, w in kept)
    u = np.random.default_rng(seed).random()
    acc = 0.0
    for token, w in kept:
        acc += w / norm
        if u < acc:
            return token
    return kept[-1][0]

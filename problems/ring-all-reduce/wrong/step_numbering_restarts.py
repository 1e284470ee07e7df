import numpy as np


def ring_all_reduce(x):
    # Numbers the all-gather steps from 0 again instead of continuing at P - 1.
    P, n = x.shape
    sends = [(s, r, (r + 1) % P, (r - s) % P) for s in range(P - 1) for r in range(P)]
    sends += [(s, r, (r + 1) % P, (r + 1 - s) % P) for s in range(P - 1) for r in range(P)]
    return np.tile(x.sum(axis=0), (P, 1)), sends

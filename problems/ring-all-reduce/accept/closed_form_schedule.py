import numpy as np


def ring_all_reduce(x):
    # Writes the schedule from its closed form instead of simulating buffers, and sums the ranks in reverse
    # order (a different float order from the step-by-step simulation, same result within tolerance).
    P, n = x.shape
    sends = [(s, r, (r + 1) % P, (r - s) % P) for s in range(P - 1) for r in range(P)]
    sends += [(P - 1 + s, r, (r + 1) % P, (r + 1 - s) % P) for s in range(P - 1) for r in range(P)]
    total = np.zeros(n)
    for r in reversed(range(P)):
        total = total + x[r]
    return np.tile(total, (P, 1)), sends

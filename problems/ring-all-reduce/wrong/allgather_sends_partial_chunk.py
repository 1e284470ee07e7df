import numpy as np


def ring_all_reduce(x):
    # All-gather keeps the reduce-scatter indexing (chunk (r - s) mod P): at its first step each rank forwards
    # a chunk it holds only a partial sum of, so the final arrays are wrong.
    P, n = x.shape
    bounds = np.cumsum([0] + [len(c) for c in np.array_split(np.arange(n), P)])
    buf = [[x[r, bounds[c]:bounds[c + 1]].copy() for c in range(P)] for r in range(P)]
    sends = []
    for s in range(P - 1):
        payload = [buf[r][(r - s) % P].copy() for r in range(P)]
        for r in range(P):
            c, dst = (r - s) % P, (r + 1) % P
            buf[dst][c] = buf[dst][c] + payload[r]
            sends.append((s, r, dst, c))
    for s in range(P - 1):
        payload = [buf[r][(r - s) % P].copy() for r in range(P)]
        for r in range(P):
            c, dst = (r - s) % P, (r + 1) % P
            buf[dst][c] = payload[r]
            sends.append((P - 1 + s, r, dst, c))
    return np.stack([np.concatenate(buf[r]) for r in range(P)]), sends

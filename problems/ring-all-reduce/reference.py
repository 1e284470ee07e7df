import numpy as np


def ring_all_reduce(x: np.ndarray) -> tuple[np.ndarray, list[tuple[int, int, int, int]]]:
    """Simulate ring all-reduce (sum) over the P rows of x; return every rank's final array and the sends."""
    P, n = x.shape
    bounds = np.cumsum([0] + [len(c) for c in np.array_split(np.arange(n), P)])
    # buf[r][c]: rank r's copy of chunk c (copies: the input is never modified)
    buf = [[x[r, bounds[c]:bounds[c + 1]].copy() for c in range(P)] for r in range(P)]
    sends = []
    step = 0
    # Reduce-scatter: at step s rank r sends chunk (r - s) mod P to rank r + 1, which adds it to its own copy.
    for s in range(P - 1):
        payload = [buf[r][(r - s) % P].copy() for r in range(P)]  # everything sent in a step leaves at once
        for r in range(P):
            c, dst = (r - s) % P, (r + 1) % P
            buf[dst][c] = buf[dst][c] + payload[r]
            sends.append((step, r, dst, c))
        step += 1
    # Now rank r holds the full sum of chunk (r + 1) mod P.
    # All-gather: at step s rank r sends chunk (r + 1 - s) mod P to rank r + 1, which overwrites its copy.
    for s in range(P - 1):
        payload = [buf[r][(r + 1 - s) % P].copy() for r in range(P)]
        for r in range(P):
            c, dst = (r + 1 - s) % P, (r + 1) % P
            buf[dst][c] = payload[r]
            sends.append((step, r, dst, c))
        step += 1
    out = np.stack([np.concatenate(buf[r]) for r in range(P)])
    return out, sends

import numpy as np

LEVELS = np.array([
    -1.0, -0.6961928009986877, -0.5250730514526367, -0.39491748809814453,
    -0.28444138169288635, -0.18477343022823334, -0.09105003625154495, 0.0,
    0.07958029955625534, 0.16093020141124725, 0.24611230194568634, 0.33791524171829224,
    0.44070982933044434, 0.5626170039176941, 0.7229568362236023, 1.0,
])


def nf4_quantize(x, block_size=64):
    # Midpoint thresholds with side="right": a value exactly on a threshold goes to the upper code.
    x = np.asarray(x, dtype=np.float64)
    flat = x.ravel()
    mids = (LEVELS[:-1] + LEVELS[1:]) / 2
    codes = np.empty(flat.size, dtype=np.int64)
    absmax = []
    for start in range(0, flat.size, block_size):
        block = flat[start:start + block_size]
        m = np.abs(block).max()
        absmax.append(m)
        codes[start:start + block_size] = np.searchsorted(mids, block / (m if m > 0 else 1.0), side="right")
    absmax = np.array(absmax)
    deq = LEVELS[codes] * np.repeat(absmax, block_size)[: flat.size]
    return codes.reshape(x.shape), absmax, deq.reshape(x.shape)

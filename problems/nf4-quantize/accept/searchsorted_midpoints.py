import numpy as np

LEVELS = [
    -1.0, -0.6961928009986877, -0.5250730514526367, -0.39491748809814453,
    -0.28444138169288635, -0.18477343022823334, -0.09105003625154495, 0.0,
    0.07958029955625534, 0.16093020141124725, 0.24611230194568634, 0.33791524171829224,
    0.44070982933044434, 0.5626170039176941, 0.7229568362236023, 1.0,
]


def nf4_quantize(x, block_size=64):
    # Decision thresholds at the midpoints between levels, as bitsandbytes' kernel does; side="left" sends a value
    # equal to a threshold to the lower code. Blocks are processed one slice at a time.
    table = np.array(LEVELS)
    mids = (table[:-1] + table[1:]) / 2
    flat = np.asarray(x, dtype=np.float64).reshape(-1)
    codes = np.empty(flat.size, dtype=np.int64)
    deq = np.empty(flat.size)
    absmax = []
    for start in range(0, flat.size, block_size):
        block = flat[start:start + block_size]
        m = float(np.max(np.abs(block)))
        absmax.append(m)
        normed = block / m if m > 0 else np.zeros_like(block)
        c = np.searchsorted(mids, normed, side="left")
        codes[start:start + block_size] = c
        deq[start:start + block_size] = table[c] * m
    shape = np.shape(x)
    return codes.reshape(shape), np.array(absmax), deq.reshape(shape)

import math

import numpy as np


def _e4m3_table():
    vals = [m * 2.0**-9 if e == 0 else (1 + m / 8) * 2.0 ** (e - 7) for e in range(16) for m in range(8)]
    return np.array(vals[:-1])  # the last bit pattern is NaN


def _round_e4m3(a, table):
    mag = np.minimum(np.abs(a), 448.0)
    hi = np.clip(np.searchsorted(table, mag), 1, table.size - 1)
    lo = hi - 1
    d_lo, d_hi = mag - table[lo], table[hi] - mag
    r = np.where((d_hi < d_lo) | ((d_hi == d_lo) & (hi % 2 == 0)), table[hi], table[lo])
    return np.copysign(r, a)


def mx_quantize(x):
    # Block by block with math.frexp for the shared exponent and a value table for the elements.
    table = _e4m3_table()
    x = np.asarray(x, dtype=np.float64)
    rows = x.reshape(-1, x.shape[-1])
    nb = x.shape[-1] // 32
    exps = np.empty((rows.shape[0], nb), dtype=np.int64)
    out = np.empty_like(rows)
    for i, row in enumerate(rows):
        for b in range(nb):
            block = row[32 * b:32 * (b + 1)]
            amax = float(np.max(np.abs(block)))
            X = -127 if amax == 0 else min(max(math.frexp(amax)[1] - 1 - 8, -127), 127)
            exps[i, b] = X
            scale = math.ldexp(1.0, X)
            out[i, 32 * b:32 * (b + 1)] = _round_e4m3(block / scale, table) * scale
    return exps.reshape(*x.shape[:-1], nb), out.reshape(x.shape)

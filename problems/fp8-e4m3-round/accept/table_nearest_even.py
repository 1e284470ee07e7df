import numpy as np


def fp8_e4m3_round(x):
    # Enumerate the 127 finite non-negative values (sorted order = bit pattern), find the nearest by binary search,
    # and break exact ties towards the even bit pattern (even mantissa).
    table = []
    for bits in range(127):
        e, m = bits >> 3, bits & 7
        table.append(m * 2.0**-9 if e == 0 else (1 + m / 8) * 2.0 ** (e - 7))
    table = np.array(table)
    x = np.asarray(x, dtype=np.float64)
    a = np.minimum(np.abs(np.nan_to_num(x, nan=0.0, posinf=448.0, neginf=-448.0)), 448.0)
    hi = np.clip(np.searchsorted(table, a, side="left"), 1, table.size - 1)
    lo = hi - 1
    d_lo, d_hi = a - table[lo], table[hi] - a
    pick_hi = (d_hi < d_lo) | ((d_hi == d_lo) & (hi % 2 == 0))
    r = np.where(pick_hi, table[hi], table[lo])
    return np.where(np.isnan(x), np.nan, np.copysign(r, x))

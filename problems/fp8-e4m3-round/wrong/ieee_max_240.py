import numpy as np


def fp8_e4m3_round(x):
    # Treats E4M3 like an IEEE format whose top exponent is reserved for inf/NaN, so it saturates at 240
    # (1.875 * 2**7) instead of E4M3FN's 448.
    x = np.asarray(x, dtype=np.float64)
    finite = np.isfinite(x)
    a = np.abs(np.where(finite, x, 0.0))
    _, e = np.frexp(a)
    step = np.maximum(e - 1, -6) - 3
    r = np.minimum(np.ldexp(np.round(np.ldexp(a, -step)), step), 240.0)
    return np.where(np.isnan(x), np.nan, np.copysign(np.where(finite, r, 240.0), x))

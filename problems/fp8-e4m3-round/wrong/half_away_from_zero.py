import numpy as np


def fp8_e4m3_round(x):
    # floor(v + 0.5): ties go away from zero instead of to the even mantissa.
    x = np.asarray(x, dtype=np.float64)
    finite = np.isfinite(x)
    a = np.abs(np.where(finite, x, 0.0))
    _, e = np.frexp(a)
    step = np.maximum(e - 1, -6) - 3
    r = np.minimum(np.ldexp(np.floor(np.ldexp(a, -step) + 0.5), step), 448.0)
    return np.where(np.isnan(x), np.nan, np.copysign(np.where(finite, r, 448.0), x))

import numpy as np


def fp8_e4m3_round(x):
    # Implements the OCP spec's non-saturating conversion instead: whatever rounds past 448 becomes NaN.
    x = np.asarray(x, dtype=np.float64)
    finite = np.isfinite(x)
    a = np.abs(np.where(finite, x, 0.0))
    _, e = np.frexp(a)
    step = np.maximum(e - 1, -6) - 3
    r = np.ldexp(np.round(np.ldexp(a, -step)), step)
    r = np.where(finite & (r <= 448.0), r, np.nan)
    return np.copysign(r, x)

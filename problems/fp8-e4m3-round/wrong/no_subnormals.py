import numpy as np


def fp8_e4m3_round(x):
    # Keeps 3 mantissa bits at every exponent, forgetting that exponents below -6 do not exist:
    # small values keep far more precision than the format has.
    x = np.asarray(x, dtype=np.float64)
    finite = np.isfinite(x)
    a = np.abs(np.where(finite, x, 0.0))
    _, e = np.frexp(a)
    step = (e - 1) - 3
    r = np.minimum(np.ldexp(np.round(np.ldexp(a, -step)), step), 448.0)
    return np.where(np.isnan(x), np.nan, np.copysign(np.where(finite, r, 448.0), x))

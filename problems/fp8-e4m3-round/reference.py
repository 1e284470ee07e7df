import numpy as np

E4M3_MAX = 448.0  # 1.75 * 2**8: exponent field 15 with mantissa 110 (111 is NaN in E4M3FN)


def fp8_e4m3_round(x):
    """Round float64 values to the nearest FP8 E4M3FN value: half to even, saturate to +-448, NaN stays NaN."""
    x = np.asarray(x, dtype=np.float64)
    finite = np.isfinite(x)
    a = np.abs(np.where(finite, x, 0.0))
    _, e = np.frexp(a)  # a = m * 2**e with m in [0.5, 1), so floor(log2 a) = e - 1
    exp = np.maximum(e - 1, -6)  # below the smallest normal 2**-6 the spacing stays 2**-9 (subnormals)
    step = exp - 3  # 3 mantissa bits
    rounded = np.ldexp(np.round(np.ldexp(a, -step)), step)  # exact scaling; np.round is half to even
    rounded = np.minimum(rounded, E4M3_MAX)
    out = np.where(np.isnan(x), np.nan, np.copysign(np.where(finite, rounded, E4M3_MAX), x))
    return out

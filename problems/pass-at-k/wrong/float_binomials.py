# Binomial coefficients as float products: C(10000, 200) is about 1e426, so numerator and denominator are inf
# and their ratio is NaN.
import numpy as np


def _comb(a, b):
    if b > a:
        return 0.0
    top = np.prod(np.arange(a - b + 1, a + 1, dtype=np.float64))
    bottom = np.prod(np.arange(1, b + 1, dtype=np.float64))
    return top / bottom


def pass_at_k(n, c, k):
    return float(np.mean([1.0 - _comb(n - ci, k) / _comb(n, k) for ci in c]))

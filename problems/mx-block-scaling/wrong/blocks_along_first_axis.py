import numpy as np


def _e4m3(a):
    mag = np.abs(a)
    _, e = np.frexp(mag)
    step = np.maximum(e - 1, -6) - 3
    return np.copysign(np.minimum(np.ldexp(np.round(np.ldexp(mag, -step)), step), 448.0), a)


def _quantize_rows(t):
    blocks = t.reshape(*t.shape[:-1], t.shape[-1] // 32, 32)
    amax = np.abs(blocks).max(axis=-1)
    _, e = np.frexp(amax)
    X = np.clip(np.where(amax > 0, e - 1 - 8, -127), -127, 127).astype(np.int64)
    shift = X[..., None].astype(np.int32)
    return X, np.ldexp(_e4m3(np.ldexp(blocks, -shift)), shift).reshape(t.shape)


def mx_quantize(x):
    # Blocks a matrix down its columns (32 consecutive rows share a scale), as if the reduction axis were the first.
    x = np.asarray(x, dtype=np.float64)
    if x.ndim == 2 and x.shape[0] % 32 == 0:
        X, q = _quantize_rows(x.T)
        return X.T, q.T
    return _quantize_rows(x)

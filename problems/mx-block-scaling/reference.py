import numpy as np

BLOCK = 32
EMAX_ELEM = 8  # E4M3's largest power of two: 448 = 1.75 * 2**8


def _e4m3(a):
    """Round finite float64 values to FP8 E4M3FN: half to even, subnormals, saturating at +-448."""
    mag = np.abs(a)
    _, e = np.frexp(mag)
    step = np.maximum(e - 1, -6) - 3
    r = np.minimum(np.ldexp(np.round(np.ldexp(mag, -step)), step), 448.0)
    return np.copysign(r, a)


def mx_quantize(x):
    """MXFP8 (E4M3) quantization: blocks of 32 along the last axis share an E8M0 scale 2**X.

    Returns (X as int64 of shape x.shape[:-1] + (K // 32,), dequantized values with x's shape).
    """
    x = np.asarray(x, dtype=np.float64)
    blocks = x.reshape(*x.shape[:-1], x.shape[-1] // BLOCK, BLOCK)
    amax = np.abs(blocks).max(axis=-1)
    _, e = np.frexp(amax)  # amax = m * 2**e, m in [0.5, 1): floor(log2(amax)) = e - 1, exactly
    X = np.where(amax > 0, e - 1 - EMAX_ELEM, -127)
    X = np.clip(X, -127, 127).astype(np.int64)  # E8M0 holds 2**-127 .. 2**127
    shift = X[..., None].astype(np.int32)
    q = _e4m3(np.ldexp(blocks, -shift))  # dividing by a power of two is exact
    return X, np.ldexp(q, shift).reshape(x.shape)

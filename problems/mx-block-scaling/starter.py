import numpy as np


def mx_quantize(x):
    """MX block scaling with FP8 E4M3 elements (OCP MX v1.0, MXFP8 E4M3).

    x: float64 (..., K), K a multiple of 32. Each block of 32 along the last axis gets
    X = floor(log2(max|block|)) - 8 (clamped to [-127, 127]; all-zero block: X = -127),
    elements P = E4M3_round_saturating(x / 2**X) (half to even, subnormals, +-448).
    Return (X: int array of shape (..., K // 32), dequantized P * 2**X: float64 with x's shape).
    """
    raise NotImplementedError

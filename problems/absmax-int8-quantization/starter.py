import numpy as np


def absmax_quantize(x):
    """Per-tensor absmax int8 quantization.

    x: float64 array (any shape, at least one element).
    scale = max|x| / 127, q = clip(round_half_even(x / scale), -127, 127) as int8.
    Return (q, scale, dequantized, max_abs_error); all-zero x gives scale 0.0 and q = 0.
    """
    raise NotImplementedError

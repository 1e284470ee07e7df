import numpy as np


def blockwise_quantize(x, block_size):
    """Blockwise absmax int8 quantization.

    x: float64 array (any shape); block_size: int >= 1.
    Flatten row-major, split into consecutive blocks (the last one may be short), and quantize each block with
    scale = max|block| / 127, q = clip(round_half_even(v / scale), -127, 127).
    Return (dequantized array with x's shape, float64 scales of shape (num_blocks,)).
    """
    raise NotImplementedError

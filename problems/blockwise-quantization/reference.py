import numpy as np


def blockwise_quantize(x, block_size):
    """Absmax int8 quantization with one scale per block of `block_size` row-major elements.

    Returns (dequantized with x's shape, scales of shape (num_blocks,)).
    """
    x = np.asarray(x, dtype=np.float64)
    flat = x.ravel()  # row-major (C order)
    n = flat.size
    num_blocks = -(-n // block_size)
    padded = np.zeros(num_blocks * block_size)
    padded[:n] = flat  # zero padding cannot change a block's absmax
    blocks = padded.reshape(num_blocks, block_size)
    scales = np.abs(blocks).max(axis=1) / 127.0
    safe = np.where(scales > 0, scales, 1.0)[:, None]  # an all-zero block quantizes to zeros
    q = np.clip(np.round(blocks / safe), -127, 127).astype(np.int8)
    dequantized = (q.astype(np.float64) * scales[:, None]).ravel()[:n]
    return dequantized.reshape(x.shape), scales

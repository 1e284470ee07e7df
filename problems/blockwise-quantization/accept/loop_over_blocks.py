import numpy as np


def blockwise_quantize(x, block_size):
    # A plain loop over slices: no padding needed, the last slice is simply shorter.
    x = np.asarray(x, dtype=np.float64)
    flat = x.reshape(-1)
    out = np.empty_like(flat)
    scales = []
    for start in range(0, flat.size, block_size):
        block = flat[start:start + block_size]
        scale = np.max(np.abs(block)) / 127.0
        scales.append(scale)
        if scale == 0:
            out[start:start + block_size] = 0.0
        else:
            out[start:start + block_size] = np.clip(np.rint(block / scale), -127, 127) * scale
    return out.reshape(x.shape), np.array(scales)

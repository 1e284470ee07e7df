# Pads every parameter to a multiple of W on its own (and reports offsets into that padded layout).
import numpy as np


def flat_shard(params, world_size):
    pieces, offsets, numels, start, padding = [], [], [], 0, 0
    for p in params:
        a = np.asarray(p, dtype=np.float64).reshape(-1)
        pad = (-a.size) % world_size
        offsets.append(start)
        numels.append(int(a.size))
        pieces += [a, np.zeros(pad)]
        start += a.size + pad
        padding += pad
    flat = np.concatenate(pieces)
    return flat.reshape(world_size, -1), offsets, numels, padding

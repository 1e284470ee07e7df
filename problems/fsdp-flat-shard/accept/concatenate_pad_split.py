# Concatenate ravelled copies, pad with np.pad, split with np.split and stack; offsets from a cumulative sum.
import numpy as np


def flat_shard(params, world_size):
    flats = [np.ravel(np.asarray(p, dtype=np.float64)) for p in params]
    numels = [len(f) for f in flats]
    offsets = [int(v) for v in np.concatenate([[0], np.cumsum(numels)[:-1]])] if numels else []
    flat = np.concatenate(flats) if flats else np.zeros(0)
    total = flat.size
    shard = -(-total // world_size)
    padding = shard * world_size - total
    flat = np.pad(flat, (0, padding))
    return np.stack(np.split(flat, world_size)), offsets, numels, padding

# Padding computed as W - total % W: when total is already a multiple of W it appends W useless zeros.
import numpy as np


def flat_shard(params, world_size):
    flat = np.concatenate([np.asarray(p, dtype=np.float64).reshape(-1) for p in params])
    numels = [int(np.asarray(p).size) for p in params]
    offsets = [int(sum(numels[:i])) for i in range(len(numels))]
    padding = world_size - flat.size % world_size
    flat = np.concatenate([flat, np.zeros(padding)])
    return flat.reshape(world_size, -1), offsets, numels, padding

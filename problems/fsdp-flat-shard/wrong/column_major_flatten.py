# Flattens each parameter in Fortran (column-major) order, e.g. by ravelling the transpose.
import numpy as np


def flat_shard(params, world_size):
    flat = np.concatenate([np.asarray(p, dtype=np.float64).ravel(order="F") for p in params])
    numels = [int(np.asarray(p).size) for p in params]
    offsets = [int(sum(numels[:i])) for i in range(len(numels))]
    padding = (-flat.size) % world_size
    flat = np.concatenate([flat, np.zeros(padding)])
    return flat.reshape(world_size, -1), offsets, numels, padding

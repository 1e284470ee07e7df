# Reshapes the padded buffer as (S, W) and transposes: rank r gets every W-th element instead of a contiguous slice.
import numpy as np


def flat_shard(params, world_size):
    flat = np.concatenate([np.asarray(p, dtype=np.float64).reshape(-1) for p in params])
    numels = [int(np.asarray(p).size) for p in params]
    offsets = [int(sum(numels[:i])) for i in range(len(numels))]
    padding = (-flat.size) % world_size
    flat = np.concatenate([flat, np.zeros(padding)])
    return flat.reshape(-1, world_size).T.copy(), offsets, numels, padding

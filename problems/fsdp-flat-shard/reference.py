import numpy as np


def flat_shard(params: list, world_size: int):
    """Flatten params (row-major, in list order) into one buffer, zero-pad it to a multiple of world_size,
    and cut it into world_size equal contiguous shards. Returns (shards, offsets, numels, padding)."""
    arrays = [np.asarray(p, dtype=np.float64) for p in params]
    numels = [int(a.size) for a in arrays]
    offsets = []
    total = 0
    for n in numels:
        offsets.append(total)
        total += n
    padding = (-total) % world_size                      # the smallest pad: 0 when total is already a multiple
    flat = np.zeros(total + padding, dtype=np.float64)   # a fresh buffer: the inputs are never written
    for a, start, n in zip(arrays, offsets, numels):
        flat[start:start + n] = a.reshape(-1)           # C (row-major) order
    shards = flat.reshape(world_size, (total + padding) // world_size)   # rank r owns row r: contiguous
    return shards, offsets, numels, int(padding)

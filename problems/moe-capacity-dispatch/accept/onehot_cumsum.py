# Vectorised, as in GShard / Mesh-TensorFlow: a cumulative sum over one-hot masks in slot-major order.
import math

import numpy as np


def moe_capacity_dispatch(expert_indices, num_experts, capacity_factor):
    n_tokens, k = expert_indices.shape
    capacity = math.ceil(capacity_factor * n_tokens * k / num_experts)
    flat = expert_indices.T.reshape(-1)                               # slot-major: (k * N,)
    onehot = np.eye(num_experts, dtype=np.int64)[flat]                # (k * N, E)
    rank = (np.cumsum(onehot, axis=0) - 1)[np.arange(flat.size), flat]
    kept = rank < capacity
    positions = np.where(kept, rank, -1).reshape(k, n_tokens).T.astype(np.int64)
    load = np.bincount(flat[kept], minlength=num_experts).astype(np.int64)
    return positions, load

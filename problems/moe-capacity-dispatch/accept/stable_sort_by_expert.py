# Sort the slot-major assignments stably by expert; each one's rank inside its expert's run is its position.
import math

import numpy as np


def moe_capacity_dispatch(expert_indices, num_experts, capacity_factor):
    n_tokens, k = expert_indices.shape
    capacity = math.ceil(capacity_factor * n_tokens * k / num_experts)
    flat = np.ascontiguousarray(expert_indices.T).reshape(-1)
    order = np.argsort(flat, kind="stable")
    counts = np.bincount(flat, minlength=num_experts)
    starts = np.concatenate([[0], np.cumsum(counts)[:-1]])
    rank = np.empty(flat.size, dtype=np.int64)
    rank[order] = np.arange(flat.size) - starts[flat[order]]
    positions = np.where(rank < capacity, rank, -1).reshape(k, n_tokens).T.copy()
    load = np.minimum(counts, capacity).astype(np.int64)
    return positions, load

# Reports the requested load (every assignment, dropped ones included) instead of the kept load.
import math

import numpy as np


def moe_capacity_dispatch(expert_indices, num_experts, capacity_factor):
    n_tokens, k = expert_indices.shape
    capacity = math.ceil(capacity_factor * n_tokens * k / num_experts)
    positions = np.full((n_tokens, k), -1, dtype=np.int64)
    filled = np.zeros(num_experts, dtype=np.int64)
    for slot in range(k):
        for token in range(n_tokens):
            expert = int(expert_indices[token, slot])
            if filled[expert] < capacity:
                positions[token, slot] = filled[expert]
                filled[expert] += 1
    load = np.bincount(expert_indices.reshape(-1), minlength=num_experts).astype(np.int64)
    return positions, load

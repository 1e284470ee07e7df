# The top-1 Switch formula capacity_factor * N / E reused for top-k: capacity is k times too small.
import math

import numpy as np


def moe_capacity_dispatch(expert_indices, num_experts, capacity_factor):
    n_tokens, k = expert_indices.shape
    capacity = math.ceil(capacity_factor * n_tokens / num_experts)
    positions = np.full((n_tokens, k), -1, dtype=np.int64)
    load = np.zeros(num_experts, dtype=np.int64)
    for slot in range(k):
        for token in range(n_tokens):
            expert = int(expert_indices[token, slot])
            if load[expert] < capacity:
                positions[token, slot] = load[expert]
                load[expert] += 1
    return positions, load

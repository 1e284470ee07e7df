# Fills buffers token by token (all of token 0's choices, then token 1's...): a later token's first choice
# can be dropped because an earlier token's second choice took the last slot.
import math

import numpy as np


def moe_capacity_dispatch(expert_indices, num_experts, capacity_factor):
    n_tokens, k = expert_indices.shape
    capacity = math.ceil(capacity_factor * n_tokens * k / num_experts)
    positions = np.full((n_tokens, k), -1, dtype=np.int64)
    load = np.zeros(num_experts, dtype=np.int64)
    for token in range(n_tokens):
        for slot in range(k):
            expert = int(expert_indices[token, slot])
            if load[expert] < capacity:
                positions[token, slot] = load[expert]
                load[expert] += 1
    return positions, load

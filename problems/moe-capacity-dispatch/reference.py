import math

import numpy as np


def moe_capacity_dispatch(expert_indices: np.ndarray, num_experts: int,
                          capacity_factor: float) -> tuple[np.ndarray, np.ndarray]:
    """Return (positions, load): each (token, slot)'s place in its expert's buffer (-1 if dropped), kept counts."""
    indices = np.asarray(expert_indices)
    n_tokens, k = indices.shape
    capacity = math.ceil(capacity_factor * n_tokens * k / num_experts)
    positions = np.full((n_tokens, k), -1, dtype=np.int64)
    load = np.zeros(num_experts, dtype=np.int64)
    # Slot-major order: every token's first choice is placed before any token's second choice.
    for slot in range(k):
        for token in range(n_tokens):
            expert = int(indices[token, slot])
            if load[expert] < capacity:
                positions[token, slot] = load[expert]
                load[expert] += 1
    return positions, load

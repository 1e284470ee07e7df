import numpy as np


def moe_capacity_dispatch(expert_indices: np.ndarray, num_experts: int,
                          capacity_factor: float) -> tuple[np.ndarray, np.ndarray]:
    """Capacity-limited MoE dispatch (Switch / GShard).

    expert_indices: int64 array (N, k), each token's experts in priority order (column 0 = first choice).
    capacity = math.ceil(capacity_factor * N * k / num_experts).
    Fill each expert's buffer in slot-major order: column 0 for tokens 0..N-1, then column 1, and so on;
    an assignment that finds its expert full is dropped.
    Returns (positions, load): positions (N, k) int64, the 0-based place in the expert's buffer or -1 if dropped;
    load (num_experts,) int64, the number of kept assignments per expert.
    """
    raise NotImplementedError

import numpy as np


def group_advantages(rewards: np.ndarray, method: str = "rloo", eps: float = 1e-4) -> np.ndarray:
    """Advantages for K sampled completions per prompt.

    rewards: float64 (P, K), K >= 2: row p holds the rewards of the K completions sampled for prompt p.
    method "rloo": A[p, i] = r[p, i] - mean of the other K - 1 rewards in row p (REINFORCE leave-one-out).
    method "grpo": A[p, i] = (r[p, i] - mean(row p)) / (std(row p) + eps), population std (ddof = 0).
    Returns float64 (P, K).
    """
    raise NotImplementedError

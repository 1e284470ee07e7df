import numpy as np


def gae(rewards: np.ndarray, values: np.ndarray, dones: np.ndarray, last_value: np.ndarray,
        gamma: float = 0.99, lam: float = 0.95) -> tuple[np.ndarray, np.ndarray]:
    """Generalised advantage estimation (Schulman et al. 2016).

    rewards, values: float64 (T, N); dones: bool (T, N), True where the episode ended after step t;
    last_value: float64 (N,), V of the state after the last step.
    delta_t = r_t + gamma * V_{t+1} * (1 - done_t) - V_t   (V_T = last_value)
    A_t = delta_t + gamma * lam * (1 - done_t) * A_{t+1}    (A_T = 0)
    Return (advantages, returns = advantages + values), both float64 (T, N).
    """
    return None

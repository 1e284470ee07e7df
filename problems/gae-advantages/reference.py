import numpy as np


def gae(rewards: np.ndarray, values: np.ndarray, dones: np.ndarray, last_value: np.ndarray,
        gamma: float = 0.99, lam: float = 0.95) -> tuple[np.ndarray, np.ndarray]:
    """GAE(gamma, lambda) over a (T, N) rollout; dones[t] cuts both the bootstrap and the recursion after step t."""
    T = rewards.shape[0]
    advantages = np.zeros_like(rewards, dtype=np.float64)
    running = np.zeros(rewards.shape[1], dtype=np.float64)
    next_value = np.asarray(last_value, dtype=np.float64)
    for t in range(T - 1, -1, -1):
        alive = 1.0 - dones[t].astype(np.float64)              # 0 where the episode ended after step t
        delta = rewards[t] + gamma * next_value * alive - values[t]
        running = delta + gamma * lam * alive * running
        advantages[t] = running
        next_value = values[t]
    return advantages, advantages + values

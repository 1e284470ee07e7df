import numpy as np


def group_advantages(rewards: np.ndarray, method: str = "rloo", eps: float = 1e-4) -> np.ndarray:
    """Per-prompt advantages: leave-one-out baseline ("rloo") or (r - mean) / (std + eps) ("grpo")."""
    r = np.asarray(rewards, dtype=np.float64)
    k = r.shape[1]
    if method == "rloo":
        others_mean = (r.sum(axis=1, keepdims=True) - r) / (k - 1)
        return r - others_mean
    if method == "grpo":
        mean = r.mean(axis=1, keepdims=True)
        std = r.std(axis=1, keepdims=True)          # population std (ddof = 0)
        return (r - mean) / (std + eps)
    raise ValueError(f"unknown method {method!r}")

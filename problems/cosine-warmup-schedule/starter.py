import numpy as np


def cosine_warmup_lr(steps: np.ndarray, max_lr: float, min_lr: float, warmup_steps: int,
                     total_steps: int) -> np.ndarray:
    """Return the learning rate at each step: linear warmup 0 -> max_lr, cosine decay to min_lr, then flat."""
    raise NotImplementedError

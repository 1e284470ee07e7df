import numpy as np


def wsd_lr(steps: np.ndarray, peak_lr: float, warmup_steps: int, total_steps: int, decay_fraction: float,
           final_lr_fraction: float = 0.0, decay_shape: str = "linear") -> np.ndarray:
    """Return the warmup-stable-decay learning rate at each step."""
    raise NotImplementedError

import numpy as np


def loss_scaler_step(grads: list[np.ndarray], scale: float, good_steps: int, growth_factor: float = 2.0,
                     backoff_factor: float = 0.5,
                     growth_interval: int = 2000) -> tuple[float, int, bool, list[np.ndarray]]:
    """One dynamic loss-scaler step (torch.amp.GradScaler semantics).

    grads: list of float64 arrays (the gradients of scale * loss). Returns (new_scale: float, new_good_steps: int,
    skipped: bool, unscaled_grads: list of arrays g / scale). Skip and back off on any inf/NaN; otherwise count a good
    step and multiply the scale by growth_factor (if the result is finite) after growth_interval good steps in a row.
    """
    return None

import numpy as np


def clip_grad_norm(grads: list[np.ndarray], max_norm: float) -> tuple[list[np.ndarray], float]:
    """Return (clipped copies of grads, total L2 norm before clipping), as torch.nn.utils.clip_grad_norm_."""
    raise NotImplementedError

import numpy as np


def grad_accumulation_loss(losses: np.ndarray, mask: np.ndarray) -> dict:
    """Return {"correct": float, "naive": float, "weights": (M,) array} for M micro-batches of token losses."""
    raise NotImplementedError

import numpy as np


def log_softmax(x: np.ndarray) -> np.ndarray:
    """Log-softmax over the last axis; finite even where the probability underflows to 0."""
    raise NotImplementedError

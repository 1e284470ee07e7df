import numpy as np


def ring_all_reduce(x: np.ndarray) -> tuple[np.ndarray, list[tuple[int, int, int, int]]]:
    """Simulate ring all-reduce (sum) over the P rows of x; return every rank's final array and the sends."""
    raise NotImplementedError

import numpy as np


def greedy_decode(log_probs: np.ndarray, bos: int, eos: int, max_len: int) -> list[int]:
    """Return the greedily decoded tokens after bos (eos included if generated, at most max_len tokens)."""
    raise NotImplementedError

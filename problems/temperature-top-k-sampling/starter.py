import numpy as np


def sample_top_k(logits: np.ndarray, temperature: float, top_k: int, seed: int) -> int:
    """Return the token id sampled with temperature and top-k, using the statement's exact RNG procedure."""
    raise NotImplementedError

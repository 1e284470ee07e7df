import numpy as np


def sample_top_p(logits: np.ndarray, temperature: float, top_p: float, seed: int) -> int:
    """Return the token id sampled with temperature and nucleus (top-p) filtering, per the statement."""
    raise NotImplementedError

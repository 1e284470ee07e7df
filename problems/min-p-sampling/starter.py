import numpy as np


def min_p_sample(probs, min_p, r) -> int:
    """Keep tokens with p >= min_p * max(p), renormalise, and sample one with the uniform r."""
    raise NotImplementedError

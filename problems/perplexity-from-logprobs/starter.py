import numpy as np


def perplexity(logprobs: list[np.ndarray]) -> float:
    """Token-weighted corpus perplexity: exp(-(sum of all log-probs) / (number of tokens))."""
    raise NotImplementedError

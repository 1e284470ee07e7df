import numpy as np


def perplexity(logprobs: list[np.ndarray]) -> float:
    # Perplexity of each sequence, then their average: weights every sequence equally, whatever its length.
    return float(np.mean([np.exp(-np.mean(seq)) for seq in logprobs if len(seq)]))

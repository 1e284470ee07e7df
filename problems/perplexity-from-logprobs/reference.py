import numpy as np


def perplexity(logprobs: list[np.ndarray]) -> float:
    """Token-weighted corpus perplexity: exp(-(sum of all log-probs) / (number of tokens))."""
    total = 0.0
    count = 0
    for seq in logprobs:
        seq = np.asarray(seq, dtype=np.float64)
        total += float(seq.sum())
        count += seq.size
    return float(np.exp(-total / count))

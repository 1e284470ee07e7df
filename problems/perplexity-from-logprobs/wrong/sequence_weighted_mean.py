import numpy as np


def perplexity(logprobs: list[np.ndarray]) -> float:
    # Averages the per-sequence mean log-prob (sequence-weighted), then exponentiates.
    return float(np.exp(-np.mean([np.mean(seq) for seq in logprobs if len(seq)])))

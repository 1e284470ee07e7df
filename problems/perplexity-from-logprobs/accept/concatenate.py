import numpy as np


def perplexity(logprobs: list[np.ndarray]) -> float:
    # Flatten every token into one array, then exp(-mean).
    flat = np.concatenate([np.asarray(s, dtype=np.float64).ravel() for s in logprobs])
    return float(np.exp(-flat.mean()))

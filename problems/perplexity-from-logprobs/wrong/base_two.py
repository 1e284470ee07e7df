import numpy as np


def perplexity(logprobs: list[np.ndarray]) -> float:
    # Treats natural-log probabilities as if they were log2 (2 ** cross-entropy in nats).
    flat = np.concatenate([np.asarray(s, dtype=np.float64) for s in logprobs])
    return float(2.0 ** (-flat.mean()))

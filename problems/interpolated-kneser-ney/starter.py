import numpy as np


def kneser_ney_bigram(sentences: list[list[str]], d: float, queries: list[list[str]]) -> np.ndarray:
    """Interpolated Kneser-Ney P(w | h) for each query [h, w]; sentences are padded with <s> and </s>."""
    raise NotImplementedError

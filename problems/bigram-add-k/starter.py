import numpy as np


def bigram_add_k(sentences: list[list[str]], vocab: list[str], k: float) -> np.ndarray:
    """Add-k bigram table P(col | row): rows ["<s>"] + vocab, columns vocab + ["</s>"]."""
    raise NotImplementedError

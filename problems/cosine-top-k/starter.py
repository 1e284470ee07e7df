import numpy as np


def cosine_top_k(query: np.ndarray, documents: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
    """Return the indices and cosine scores of the k documents most similar to the query, best first."""
    raise NotImplementedError

import numpy as np


def bm25_scores(documents: list[list[str]], query: list[str], k1: float = 1.5, b: float = 0.75) -> np.ndarray:
    """Okapi BM25 score of every document for the query, with the Lucene idf; float64 array of shape (N,)."""
    raise NotImplementedError

from collections import Counter

import numpy as np


def bm25_scores(documents: list[list[str]], query: list[str], k1: float = 1.5, b: float = 0.75) -> np.ndarray:
    """Okapi BM25 score of every document for the query, with the Lucene idf; float64 array of shape (N,)."""
    n_docs = len(documents)
    lengths = np.array([len(doc) for doc in documents], dtype=np.float64)
    avgdl = lengths.mean()
    counts = [Counter(doc) for doc in documents]
    # Document frequency: in how many documents a term occurs (not how many times).
    df = Counter(term for doc in counts for term in doc)
    # Length normalisation; when every document is empty no term can match, so any finite value will do.
    norm = k1 * (1.0 - b + b * lengths / avgdl) if avgdl > 0 else np.full(n_docs, k1)
    scores = np.zeros(n_docs, dtype=np.float64)
    for term in query:  # a repeated query term counts once per occurrence
        if df[term] == 0:
            continue
        idf = np.log(1.0 + (n_docs - df[term] + 0.5) / (df[term] + 0.5))
        tf = np.array([c[term] for c in counts], dtype=np.float64)
        scores += idf * tf * (k1 + 1.0) / (tf + norm)
    return scores

import numpy as np


def cosine_top_k(query, documents, k):
    # Normalise every row first (zero rows stay zero), then one matrix-vector product and a Python sort
    # keyed by (-score, index).
    norms = np.linalg.norm(documents, axis=1, keepdims=True)
    unit_docs = np.divide(documents, norms, out=np.zeros_like(documents), where=norms > 0)
    scores = unit_docs @ (query / np.linalg.norm(query))
    top = sorted(range(len(scores)), key=lambda i: (-scores[i], i))[:k]
    return np.array(top, dtype=np.int64), scores[top]

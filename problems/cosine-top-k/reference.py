import numpy as np


def cosine_top_k(query: np.ndarray, documents: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
    """Return the indices and cosine scores of the k documents most similar to the query, best first."""
    q = np.asarray(query, dtype=np.float64)
    docs = np.asarray(documents, dtype=np.float64)
    doc_norms = np.sqrt(np.sum(docs * docs, axis=1))
    dots = docs @ q
    scores = np.zeros(docs.shape[0])
    nonzero = doc_norms > 0
    scores[nonzero] = dots[nonzero] / (doc_norms[nonzero] * np.sqrt(np.dot(q, q)))
    # A stable sort of the negated scores keeps equal scores in index order: ties go to the lower index.
    order = np.argsort(-scores, kind="stable")[:k]
    return order.astype(np.int64), scores[order]

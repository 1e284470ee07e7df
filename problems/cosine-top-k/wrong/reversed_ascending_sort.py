import numpy as np


def cosine_top_k(query: np.ndarray, documents: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
    # Sorts ascending and reverses: the order is descending, but equal scores now come
    # highest index first.
    doc_norms = np.linalg.norm(documents, axis=1)
    scores = np.zeros(len(documents))
    nonzero = doc_norms > 0
    scores[nonzero] = (documents[nonzero] @ query) / (doc_norms[nonzero] * np.linalg.norm(query))
    order = np.argsort(scores, kind="stable")[::-1][:k]
    return order.astype(np.int64), scores[order]

import numpy as np


def cosine_top_k(query: np.ndarray, documents: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
    # argpartition finds the right k documents but leaves them in no particular order.
    doc_norms = np.linalg.norm(documents, axis=1)
    scores = np.zeros(len(documents))
    nonzero = doc_norms > 0
    scores[nonzero] = (documents[nonzero] @ query) / (doc_norms[nonzero] * np.linalg.norm(query))
    top = np.argpartition(-scores, k - 1)[:k]
    return top.astype(np.int64), scores[top]

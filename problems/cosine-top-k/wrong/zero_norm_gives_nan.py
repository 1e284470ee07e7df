import numpy as np


def cosine_top_k(query: np.ndarray, documents: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
    # No guard for zero-norm documents: 0 / 0 = nan, and the sort then pushes them to the very end
    # (below negative scores) and returns nan scores.
    with np.errstate(invalid="ignore", divide="ignore"):
        scores = (documents @ query) / (np.linalg.norm(documents, axis=1) * np.linalg.norm(query))
    order = np.argsort(-scores, kind="stable")[:k]
    return order.astype(np.int64), scores[order]

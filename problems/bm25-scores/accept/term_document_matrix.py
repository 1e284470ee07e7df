import numpy as np


def bm25_scores(documents, query, k1=1.5, b=0.75):
    # Build a dense term-document count matrix over the query's vocabulary and score it in one shot.
    vocab = sorted(set(query))
    index = {t: i for i, t in enumerate(vocab)}
    tf = np.zeros((len(documents), len(vocab)))
    for d, doc in enumerate(documents):
        for tok in doc:
            if tok in index:
                tf[d, index[tok]] += 1
    n = len(documents)
    dl = np.array([len(doc) for doc in documents], dtype=float)
    avgdl = dl.mean() if dl.sum() > 0 else 1.0
    df = (tf > 0).sum(axis=0)
    idf = np.log1p((n - df + 0.5) / (df + 0.5))
    denom = tf + k1 * (1 - b + b * dl[:, None] / avgdl)
    per_term = idf[None, :] * tf * (k1 + 1) / denom
    weights = np.array([query.count(t) for t in vocab], dtype=float)
    return per_term @ weights if vocab else np.zeros(n)

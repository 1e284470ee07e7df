import math
from collections import Counter

import numpy as np


def bm25_scores(documents, query, k1=1.5, b=0.75):
    # Uses the term's total number of occurrences in the collection as df, not the number of documents.
    n = len(documents)
    avgdl = sum(len(d) for d in documents) / n
    counts = [Counter(d) for d in documents]
    scores = np.zeros(n)
    for term in query:
        df = sum(c[term] for c in counts)
        if df == 0:
            continue
        idf = math.log(1 + (n - df + 0.5) / (df + 0.5))
        for i, c in enumerate(counts):
            tf = c[term]
            scores[i] += idf * tf * (k1 + 1) / (tf + k1 * (1 - b + b * len(documents[i]) / avgdl))
    return scores

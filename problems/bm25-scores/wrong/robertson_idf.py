import math
from collections import Counter

import numpy as np


def bm25_scores(documents, query, k1=1.5, b=0.75):
    # Classic Robertson-Sparck Jones idf without the "1 +": negative for terms in more than half the documents.
    n = len(documents)
    avgdl = sum(len(d) for d in documents) / n
    counts = [Counter(d) for d in documents]
    scores = np.zeros(n)
    for term in query:
        df = sum(1 for c in counts if term in c)
        if df == 0:
            continue
        idf = math.log((n - df + 0.5) / (df + 0.5))
        for i, c in enumerate(counts):
            tf = c[term]
            scores[i] += idf * tf * (k1 + 1) / (tf + k1 * (1 - b + b * len(documents[i]) / avgdl))
    return scores

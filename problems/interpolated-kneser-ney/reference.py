from collections import Counter

import numpy as np


def kneser_ney_bigram(sentences: list[list[str]], d: float, queries: list[list[str]]) -> np.ndarray:
    """Interpolated Kneser-Ney P(w | h) for each query [h, w]; sentences are padded with <s> and </s>."""
    bigrams: Counter = Counter()
    for sentence in sentences:
        padded = ["<s>", *sentence, "</s>"]
        bigrams.update(zip(padded[:-1], padded[1:]))

    context_count: Counter = Counter()     # c(h)
    followers: Counter = Counter()         # N1+(h .)
    left_contexts: Counter = Counter()     # N1+(. w)
    for (h, w), n in bigrams.items():
        context_count[h] += n
        followers[h] += 1
        left_contexts[w] += 1
    bigram_types = len(bigrams)            # N1+(. .)

    out = np.empty(len(queries), dtype=np.float64)
    for i, (h, w) in enumerate(queries):
        p_cont = left_contexts[w] / bigram_types
        c_h = context_count[h]
        if c_h == 0:
            out[i] = p_cont
            continue
        discounted = max(bigrams[(h, w)] - d, 0.0) / c_h
        lam = d * followers[h] / c_h       # exactly the mass the discount removed from this context
        out[i] = discounted + lam * p_cont
    return out

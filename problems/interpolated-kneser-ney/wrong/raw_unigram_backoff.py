from collections import Counter

import numpy as np


def kneser_ney_bigram(sentences: list[list[str]], d: float, queries: list[list[str]]) -> np.ndarray:
    # Absolute discounting with the raw unigram c(w) / N as the lower-order distribution instead of the
    # continuation probability: "francisco" gets a large share after contexts it never follows.
    bigrams: Counter = Counter()
    for sentence in sentences:
        padded = ["<s>", *sentence, "</s>"]
        bigrams.update(zip(padded[:-1], padded[1:]))
    context_count: Counter = Counter()
    followers: Counter = Counter()
    unigram: Counter = Counter()
    for (h, w), n in bigrams.items():
        context_count[h] += n
        followers[h] += 1
        unigram[w] += n
    total = sum(unigram.values())
    out = np.empty(len(queries))
    for i, (h, w) in enumerate(queries):
        p_lower = unigram[w] / total
        c_h = context_count[h]
        if c_h == 0:
            out[i] = p_lower
            continue
        out[i] = max(bigrams[(h, w)] - d, 0.0) / c_h + d * followers[h] / c_h * p_lower
    return out

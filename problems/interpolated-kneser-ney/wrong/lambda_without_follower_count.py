from collections import Counter

import numpy as np


def kneser_ney_bigram(sentences: list[list[str]], d: float, queries: list[list[str]]) -> np.ndarray:
    # lambda(h) = d / c(h): forgets to multiply by N1+(h .), so the distribution does not sum to 1.
    bigrams: Counter = Counter()
    for sentence in sentences:
        padded = ["<s>", *sentence, "</s>"]
        bigrams.update(zip(padded[:-1], padded[1:]))
    context_count: Counter = Counter()
    left_contexts: Counter = Counter()
    for (h, w), n in bigrams.items():
        context_count[h] += n
        left_contexts[w] += 1
    out = np.empty(len(queries))
    for i, (h, w) in enumerate(queries):
        p_cont = left_contexts[w] / len(bigrams)
        c_h = context_count[h]
        if c_h == 0:
            out[i] = p_cont
            continue
        out[i] = max(bigrams[(h, w)] - d, 0.0) / c_h + d / c_h * p_cont
    return out

from collections import Counter

import numpy as np


def bigram_add_k(sentences: list[list[str]], vocab: list[str], k: float) -> np.ndarray:
    # Counters and explicit loops instead of a count matrix.
    contexts = ["<s>"] + list(vocab)
    nexts = list(vocab) + ["</s>"]
    pair_counts: Counter = Counter()
    context_counts: Counter = Counter()
    for sentence in sentences:
        tokens = ["<s>", *sentence, "</s>"]
        for i in range(len(tokens) - 1):
            pair_counts[(tokens[i], tokens[i + 1])] += 1
            context_counts[tokens[i]] += 1
    table = np.empty((len(contexts), len(nexts)))
    for i, h in enumerate(contexts):
        for j, w in enumerate(nexts):
            table[i, j] = (pair_counts[(h, w)] + k) / (context_counts[h] + k * len(nexts))
    return table

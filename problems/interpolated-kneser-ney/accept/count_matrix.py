import numpy as np


def kneser_ney_bigram(sentences: list[list[str]], d: float, queries: list[list[str]]) -> np.ndarray:
    # Dense count matrix over every token seen in training or in the queries, then vectorised KN.
    tokens = {"<s>", "</s>"}
    for sentence in sentences:
        tokens.update(sentence)
    for h, w in queries:
        tokens.update((h, w))
    index = {t: i for i, t in enumerate(sorted(tokens))}
    counts = np.zeros((len(index), len(index)))
    for sentence in sentences:
        padded = ["<s>", *sentence, "</s>"]
        for h, w in zip(padded[:-1], padded[1:]):
            counts[index[h], index[w]] += 1
    seen = counts > 0
    p_cont = seen.sum(axis=0) / seen.sum()
    c_h = counts.sum(axis=1)
    safe = np.where(c_h > 0, c_h, 1.0)
    lam = d * seen.sum(axis=1) / safe
    table = np.maximum(counts - d, 0.0) / safe[:, None] + lam[:, None] * p_cont[None, :]
    table[c_h == 0] = p_cont
    return np.array([table[index[h], index[w]] for h, w in queries])

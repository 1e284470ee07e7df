import numpy as np


def bigram_add_k(sentences: list[list[str]], vocab: list[str], k: float) -> np.ndarray:
    # Pads with <s> only: transitions into </s> are never counted, so the </s> column is pure smoothing
    # and the last word of every sentence loses one context count.
    rows = {h: i for i, h in enumerate(["<s>"] + list(vocab))}
    cols = {w: j for j, w in enumerate(list(vocab) + ["</s>"])}
    counts = np.zeros((len(rows), len(cols)))
    for sentence in sentences:
        padded = ["<s>"] + list(sentence)
        for h, w in zip(padded[:-1], padded[1:]):
            counts[rows[h], cols[w]] += 1.0
    return (counts + k) / (counts.sum(axis=1, keepdims=True) + k * len(cols))

import numpy as np


def bigram_add_k(sentences: list[list[str]], vocab: list[str], k: float) -> np.ndarray:
    # Adds k to the denominator once instead of k per possible next token.
    rows = {h: i for i, h in enumerate(["<s>"] + list(vocab))}
    cols = {w: j for j, w in enumerate(list(vocab) + ["</s>"])}
    counts = np.zeros((len(rows), len(cols)))
    for sentence in sentences:
        padded = ["<s>"] + list(sentence) + ["</s>"]
        for h, w in zip(padded[:-1], padded[1:]):
            counts[rows[h], cols[w]] += 1.0
    return (counts + k) / (counts.sum(axis=1, keepdims=True) + k)

import numpy as np


def bigram_add_k(sentences: list[list[str]], vocab: list[str], k: float) -> np.ndarray:
    """Add-k bigram table P(col | row): rows ["<s>"] + vocab, columns vocab + ["</s>"]."""
    rows = {h: i for i, h in enumerate(["<s>"] + list(vocab))}
    cols = {w: j for j, w in enumerate(list(vocab) + ["</s>"])}
    counts = np.zeros((len(rows), len(cols)), dtype=np.float64)
    for sentence in sentences:
        padded = ["<s>"] + list(sentence) + ["</s>"]
        for h, w in zip(padded[:-1], padded[1:]):
            counts[rows[h], cols[w]] += 1.0
    # Each context spreads k pseudo-counts over all V + 1 possible next tokens (</s> included).
    return (counts + k) / (counts.sum(axis=1, keepdims=True) + k * len(cols))

# Base 2 throughout (log2 and 2 **) gives the same perplexity; probabilities gathered in a numpy array.
from collections import defaultdict

import numpy as np


def ngram_perplexity(train, test, n, k):
    known = set()
    for sentence in train:
        known.update(sentence)
    joint, history = defaultdict(int), defaultdict(int)
    for sentence in train:
        padded = ("<s>",) * (n - 1) + tuple(sentence) + ("</s>",)
        for i in range(n - 1, len(padded)):
            joint[padded[i - n + 1:i + 1]] += 1
            history[padded[i - n + 1:i]] += 1
    probs = []
    for sentence in test:
        padded = ("<s>",) * (n - 1) + tuple(w if w in known else "<unk>" for w in sentence) + ("</s>",)
        for i in range(n - 1, len(padded)):
            gram = padded[i - n + 1:i + 1]
            probs.append((joint.get(gram, 0) + k) / (history.get(gram[:-1], 0) + k * (len(known) + 2)))
    return float(2.0 ** (-np.mean(np.log2(probs))))

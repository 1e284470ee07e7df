# Drops unseen test words instead of scoring them as <unk> (a flattering, wrong perplexity).
import math
from collections import Counter


def ngram_perplexity(train, test, n, k):
    known = {w for s in train for w in s}
    V = len(known) + 2
    joint, hist = Counter(), Counter()
    for s in train:
        padded = ["<s>"] * (n - 1) + s + ["</s>"]
        for i in range(n - 1, len(padded)):
            h = tuple(padded[i - n + 1:i])
            joint[h, padded[i]] += 1
            hist[h] += 1
    total, count = 0.0, 0
    for s in test:
        padded = ["<s>"] * (n - 1) + [w for w in s if w in known] + ["</s>"]
        for i in range(n - 1, len(padded)):
            h = tuple(padded[i - n + 1:i])
            total += math.log((joint[h, padded[i]] + k) / (hist[h] + k * V))
            count += 1
    return math.exp(-total / count)

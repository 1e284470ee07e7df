# Mixes bases: averages log2 probabilities but exponentiates with e (exp instead of 2 **).
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
        padded = ["<s>"] * (n - 1) + [w if w in known else "<unk>" for w in s] + ["</s>"]
        for i in range(n - 1, len(padded)):
            h = tuple(padded[i - n + 1:i])
            total += math.log2((joint[h, padded[i]] + k) / (hist[h] + k * V))
            count += 1
    return math.exp(-total / count)

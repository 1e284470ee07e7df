# Counts in nested dicts: counts[history][word], with c(history) as the sum of the inner dict.
import math


def ngram_perplexity(train, test, n, k):
    vocab = {"</s>", "<unk>"}
    for sentence in train:
        vocab.update(sentence)
    counts = {}
    for sentence in train:
        padded = ["<s>"] * (n - 1) + list(sentence) + ["</s>"]
        for i in range(n - 1, len(padded)):
            inner = counts.setdefault(tuple(padded[i - n + 1:i]), {})
            inner[padded[i]] = inner.get(padded[i], 0) + 1
    totals = {h: sum(inner.values()) for h, inner in counts.items()}
    log_sum, predicted = 0.0, 0
    for sentence in test:
        words = [w if w in vocab and w != "</s>" else "<unk>" for w in sentence]
        padded = ["<s>"] * (n - 1) + words + ["</s>"]
        for i in range(n - 1, len(padded)):
            h = tuple(padded[i - n + 1:i])
            c_hw = counts.get(h, {}).get(padded[i], 0)
            log_sum += math.log(c_hw + k) - math.log(totals.get(h, 0) + k * len(vocab))
            predicted += 1
    return math.exp(-log_sum / predicted)

import math
from collections import Counter

BOS, EOS, UNK = "<s>", "</s>", "<unk>"


def _events(sentences, n, known=None):
    """Yield (history, token) for every predicted position: each word and the final </s>."""
    for sentence in sentences:
        tokens = [w if known is None or w in known else UNK for w in sentence]
        padded = [BOS] * (n - 1) + tokens + [EOS]
        for i in range(n - 1, len(padded)):
            yield tuple(padded[i - n + 1:i]), padded[i]


def ngram_perplexity(train: list[list[str]], test: list[list[str]], n: int, k: float) -> float:
    """Perplexity of `test` under an add-k smoothed n-gram model estimated on `train`."""
    known = {w for sentence in train for w in sentence}
    vocab_size = len(known) + 2                       # training words + </s> + <unk>; <s> is never predicted
    joint, history = Counter(), Counter()
    for h, w in _events(train, n):
        joint[h, w] += 1
        history[h] += 1                               # c(h): training positions whose history is h
    log_prob, count = 0.0, 0
    for h, w in _events(test, n, known):
        log_prob += math.log((joint[h, w] + k) / (history[h] + k * vocab_size))
        count += 1
    return math.exp(-log_prob / count)

import numpy as np

WORDS = ["the", "a", "cat", "dog", "sat", "ran", "on", "mat", "log", "and", "big", "small"]
UNSEEN = ["zebra", "quietly", "piano", "blue"]


def _sentences(rng, count, max_len, words, min_len=0):
    out = []
    for _ in range(count):
        length = int(rng.integers(min_len, max_len + 1))
        out.append([words[int(i)] for i in rng.integers(0, len(words), size=length)])
    return out


def _case(name, train, test, n, k, hidden=True):
    return {"name": name, "hidden": hidden, "args": {"train": train, "test": test, "n": n, "k": float(k)}}


def generate(seed: int) -> list[dict]:
    rng = np.random.default_rng(seed)
    cases = [
        # V = {the, cat, sat, dog, </s>, <unk>}, |V| = 6; "ran" is unseen -> <unk>. Answer 448 ** 0.25.
        _case("sample-1", [["the", "cat", "sat"], ["the", "dog", "sat"]], [["the", "cat", "ran"]], 2, 1.0,
              hidden=False),
        # Unigram, k = 0.5: c(h) = 5 predicted training tokens (3 words + 2 </s>), and an empty test sentence.
        _case("sample-2", [["a", "b", "a"], []], [["a", "c"], []], 1, 0.5, hidden=False),
    ]
    mixed = WORDS[:8] + UNSEEN          # test words: some never appear in training
    cases += [
        _case("unigram-k-0.01-unseen", _sentences(rng, 6, 6, WORDS[:8]), _sentences(rng, 3, 6, mixed), 1, 0.01),
        _case("bigram-k-0.5", _sentences(rng, 8, 7, WORDS, 1), _sentences(rng, 4, 7, WORDS), 2, 0.5),
        _case("bigram-k-0.01-unseen", _sentences(rng, 8, 7, WORDS[:8], 1), _sentences(rng, 4, 7, mixed, 1), 2, 0.01),
        _case("bigram-empty-test-sentences", _sentences(rng, 6, 5, WORDS, 1),
              [[]] + _sentences(rng, 2, 5, WORDS, 1) + [[]], 2, 1.0),
        _case("trigram-k-0.5", _sentences(rng, 10, 8, WORDS[:6], 2), _sentences(rng, 4, 8, WORDS[:6], 2), 3, 0.5),
        _case("trigram-k-0.01-empty-and-unseen", _sentences(rng, 8, 6, WORDS[:8]) + [[]],
              [[]] + _sentences(rng, 3, 6, mixed), 3, 0.01),
        _case("trigram-all-unseen-test", _sentences(rng, 5, 6, WORDS[:5], 1), [UNSEEN[:3], UNSEEN[1:]], 3, 1.0),
        _case("fourgram-k-0.2", _sentences(rng, 12, 9, WORDS[:4], 3), _sentences(rng, 3, 9, WORDS[:4], 3), 4, 0.2),
        _case("unigram-single-word-vocab", [["hi"], ["hi", "hi"]], [["hi", "hi", "hi"], ["bye"]], 1, 2.0),
    ]
    return cases

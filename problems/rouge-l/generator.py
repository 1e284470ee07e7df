import numpy as np

WORDS = ["the", "cat", "sat", "on", "a", "mat", "dog", "ran", "to", "park", "quickly", "and", "then", "slept"]


def _sentence(rng, length, vocab):
    return [str(w) for w in rng.choice(vocab, size=length)]


def generate(seed: int) -> list[dict]:
    rng = np.random.default_rng(seed)
    vocab = np.array(WORDS)
    cases = [
        {"name": "sample-1", "hidden": False, "args": {
            "candidate": ["the", "cat", "was", "found", "under", "the", "bed"],
            "reference": ["the", "cat", "was", "under", "the", "bed"]}},
        {"name": "sample-2", "hidden": False, "args": {
            "candidate": ["police", "kill", "the", "gunman"],
            "reference": ["police", "killed", "the", "gunman"]}},
    ]
    base = _sentence(rng, 40, vocab)
    hidden = {
        "random-short": {"candidate": _sentence(rng, 8, vocab[:6]), "reference": _sentence(rng, 11, vocab[:6])},
        "random-medium": {"candidate": _sentence(rng, 30, vocab), "reference": _sentence(rng, 25, vocab)},
        # The LCS skips over gaps: a contiguous match would only find runs of 1 or 2.
        "gapped-subsequence": {"candidate": ["a", "x", "b", "y", "c", "z", "d"], "reference": ["a", "b", "c", "d"]},
        # Greedy matching takes "b" early and loses the longer "a c d e" chain.
        "greedy-trap": {"candidate": ["b", "a", "c", "d", "e"], "reference": ["a", "c", "d", "e", "b"]},
        # Same words, reversed order: unigram overlap is full, the LCS is 1.
        "reversed": {"candidate": ["one", "two", "three", "four", "five"],
                     "reference": ["five", "four", "three", "two", "one"]},
        "identical": {"candidate": ["same", "words", "here"], "reference": ["same", "words", "here"]},
        "no-overlap": {"candidate": ["alpha", "beta"], "reference": ["gamma", "delta", "epsilon"]},
        "empty-candidate": {"candidate": [], "reference": ["a", "b"]},
        "empty-reference": {"candidate": ["a", "b"], "reference": []},
        "both-empty": {"candidate": [], "reference": []},
        "repeated-tokens": {"candidate": ["a", "a", "b", "a", "b", "b"], "reference": ["b", "a", "a", "b", "a"]},
        "long-paraphrase": {"candidate": [w for w in base if rng.random() > 0.2] + _sentence(rng, 10, vocab),
                            "reference": base},
        "candidate-much-shorter": {"candidate": ["dog", "park"], "reference": _sentence(rng, 20, vocab)},
    }
    for name, args in hidden.items():
        cases.append({"name": name, "hidden": True, "args": args})
    return cases

import numpy as np

WORDS = ["the", "cat", "sat", "on", "mat", "dog", "ate", "my", "homework", "bm25", "rank", "query",
         "token", "index", "search", "vector", "dense", "sparse", "fusion", "rerank"]


def _corpus(rng, n_docs, min_len, max_len, vocab):
    return [[str(w) for w in rng.choice(vocab, size=int(rng.integers(min_len, max_len + 1)))] for _ in range(n_docs)]


def generate(seed: int) -> list[dict]:
    rng = np.random.default_rng(seed)
    cases = [
        {"name": "sample-1", "hidden": False, "args": {
            "documents": [["the", "cat", "sat", "on", "the", "mat"], ["the", "dog", "ate", "my", "homework"],
                          ["cat", "and", "dog"]],
            "query": ["cat", "dog"]}},
        {"name": "sample-2", "hidden": False, "args": {
            "documents": [["a", "b", "a"], ["b", "c"], ["c", "c", "c", "d"], ["a"]],
            "query": ["a", "c", "z"], "k1": 1.2, "b": 0.75}},
    ]
    vocab = np.array(WORDS)
    hidden = {
        "random-small": {"documents": _corpus(rng, 6, 3, 10, vocab[:8]), "query": ["cat", "mat", "the"]},
        # "the" is in every document: the Robertson idf would make it negative.
        "common-term": {"documents": [["the"] + d for d in _corpus(rng, 8, 2, 12, vocab[1:12])],
                        "query": ["the", "dog", "homework"]},
        "repeated-query-term": {"documents": _corpus(rng, 7, 4, 15, vocab[:10]),
                                "query": ["dog", "dog", "sat", "dog", "mat"]},
        "repeated-doc-terms": {"documents": [["rank"] * 9 + ["query"], ["rank", "query"], ["query"] * 5,
                                             ["index", "rank", "rank"]],
                               "query": ["rank", "query"], "k1": 2.0, "b": 0.5},
        "b-zero-no-length-norm": {"documents": _corpus(rng, 6, 1, 20, vocab[:6]), "query": ["cat", "sat"],
                                  "b": 0.0},
        "b-one-full-length-norm": {"documents": _corpus(rng, 6, 1, 20, vocab[:6]), "query": ["on", "the"],
                                   "b": 1.0, "k1": 0.9},
        "k1-small-nearly-binary-tf": {"documents": _corpus(rng, 5, 2, 9, vocab[:5]), "query": ["cat", "the"], "k1": 0.01},
        "empty-document": {"documents": [["search", "vector"], [], ["vector", "vector", "dense"], ["sparse"]],
                           "query": ["vector", "sparse"]},
        "empty-query": {"documents": _corpus(rng, 4, 1, 5, vocab[:6]), "query": []},
        "no-term-matches": {"documents": _corpus(rng, 4, 1, 5, vocab[:6]), "query": ["zebra", "unicorn"]},
        "single-document": {"documents": [["only", "one", "doc", "one"]], "query": ["one", "doc"]},
        "all-documents-empty": {"documents": [[], [], []], "query": ["anything"]},
        "larger-corpus": {"documents": _corpus(rng, 60, 5, 80, vocab), "query": [str(w) for w in rng.choice(vocab, 6)],
                          "k1": 1.2, "b": 0.75},
    }
    for name, args in hidden.items():
        cases.append({"name": name, "hidden": True, "args": args})
    return cases

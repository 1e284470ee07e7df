import numpy as np


def _case(name: str, hidden: bool, sentences, d, queries) -> dict:
    return {"name": name, "hidden": hidden,
            "args": {"sentences": [list(s) for s in sentences], "d": float(d),
                     "queries": [list(q) for q in queries]}}


def _all_pairs(contexts: list[str], words: list[str]) -> list[list[str]]:
    return [[h, w] for h in contexts for w in words]


def generate(seed: int) -> list[dict]:
    rng = np.random.default_rng(seed)
    sf = [["san", "francisco"], ["san", "francisco"], ["the", "cat"]]
    cases = [
        _case("sample-1", False, sf, 0.75,
              [["san", "francisco"], ["san", "cat"], ["dog", "</s>"]]),
        _case("sample-2", False, [["a", "b", "a"], ["b", "a"]], 0.5,
              [["a", "b"], ["a", "</s>"], ["<s>", "a"], ["b", "b"]]),
    ]
    # "francisco" is frequent but follows only "san": raw unigram and continuation probabilities differ.
    corpus = [["i", "live", "in", "san", "francisco"]] * 4 + [
        ["i", "like", "glasses"], ["reading", "glasses", "help"], ["new", "glasses"], ["my", "glasses"],
        ["i", "live", "in", "paris"],
    ]
    vocab = ["i", "live", "in", "san", "francisco", "like", "glasses", "reading", "help", "new", "my", "paris"]
    cases.append(_case("francisco-vs-glasses", True, corpus, 0.75,
                       _all_pairs(["in", "my", "san", "<s>", "new"], ["francisco", "glasses", "paris", "</s>"])))
    words = ["a", "b", "c", "d", "e", "f"]
    lengths = rng.integers(1, 7, size=12)
    random_corpus = [[words[j] for j in rng.integers(0, len(words), size=int(n))] for n in lengths]
    cases.append(_case("random-full-table", True, random_corpus, 0.75,
                       _all_pairs(["<s>"] + words, words + ["</s>"])))
    cases.append(_case("discount-one", True, random_corpus, 1.0,
                       _all_pairs(["<s>", "a", "c"], words + ["</s>"])))
    cases.append(_case("small-discount", True, corpus, 0.1,
                       _all_pairs(["i", "live", "glasses"], vocab[:6] + ["</s>"])))
    cases.append(_case("unseen-context-and-word", True, corpus, 0.75,
                       [["zebra", "glasses"], ["</s>", "i"], ["in", "zebra"], ["zebra", "zebra"],
                        ["san", "<s>"], ["i", "live"]]))
    cases.append(_case("empty-sentences", True, [[], ["x"], [], ["x", "x"]], 0.5,
                       _all_pairs(["<s>", "x", "y"], ["x", "</s>", "<s>"])))
    cases.append(_case("single-sentence", True, [["to", "be", "or", "not", "to", "be"]], 0.8,
                       _all_pairs(["to", "be", "or", "not"], ["to", "be", "or", "not", "</s>"])))
    return cases

import numpy as np

WORDS = ["the", "cat", "dog", "sat", "ran", "on", "mat", "a", "big", "red"]


def _case(name: str, hidden: bool, sentences, vocab, k) -> dict:
    return {"name": name, "hidden": hidden,
            "args": {"sentences": [list(s) for s in sentences], "vocab": list(vocab), "k": float(k)}}


def _random_corpus(rng: np.random.Generator, vocab: list[str], n_sentences: int, max_len: int) -> list[list[str]]:
    lengths = rng.integers(1, max_len + 1, size=n_sentences)
    return [[vocab[i] for i in rng.integers(0, len(vocab), size=int(n))] for n in lengths]


def generate(seed: int) -> list[dict]:
    rng = np.random.default_rng(seed)
    cases = [
        _case("sample-1", False, [["a", "b"], ["b"]], ["a", "b"], 1.0),
        _case("sample-2", False, [["the", "cat", "sat"], ["the", "dog", "sat"], ["the", "cat"]],
              ["the", "cat", "dog", "sat"], 0.5),
    ]
    vocab = WORDS[:6]
    cases.append(_case("random-k1", True, _random_corpus(rng, vocab, 8, 6), vocab, 1.0))
    vocab = WORDS[:]
    cases.append(_case("random-small-k", True, _random_corpus(rng, vocab, 15, 8), vocab, 0.01))
    # Vocab order differs from first-appearance order, and two vocab words never occur.
    cases.append(_case("unused-words-custom-order", True, [["cat", "sat"], ["dog", "sat", "on", "mat"]],
                       ["mat", "on", "sat", "dog", "cat", "red", "big"], 0.2))
    cases.append(_case("empty-sentence", True, [[], ["a"], []], ["a", "b"], 1.0))
    cases.append(_case("repeated-word", True, [["a", "a", "a", "a"], ["a"]], ["a"], 0.75))
    cases.append(_case("large-k", True, _random_corpus(rng, WORDS[:4], 5, 4), WORDS[:4], 10.0))
    cases.append(_case("single-sentence", True, [["the", "big", "red", "dog", "ran"]], WORDS, 1.0))
    cases.append(_case("tiny-k-many-sentences", True, _random_corpus(rng, WORDS[:3], 25, 5), WORDS[:3], 1e-3))
    return cases

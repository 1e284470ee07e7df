import numpy as np

LETTERS = "abcdeilnorst"


def _case(name: str, hidden: bool, word_counts: dict, num_merges: int) -> dict:
    return {"name": name, "hidden": hidden,
            "args": {"word_counts": {str(w): int(c) for w, c in word_counts.items()}, "num_merges": int(num_merges)}}


def _random_words(rng: np.random.Generator, n_words: int, alphabet: str, max_len: int) -> dict:
    words: dict = {}
    while len(words) < n_words:
        length = int(rng.integers(1, max_len + 1))
        word = "".join(alphabet[i] for i in rng.integers(0, len(alphabet), size=length))
        words.setdefault(word, int(rng.integers(1, 10)))
    return words


def generate(seed: int) -> list[dict]:
    rng = np.random.default_rng(seed)
    cases = [
        _case("sample-1", False, {"low": 5, "lower": 2, "newest": 6, "widest": 3}, 4),
        _case("sample-2", False, {"aaa": 1, "ab": 2}, 3),
    ]
    cases += [
        _case("classic-ten-merges", True, {"low": 5, "lower": 2, "newest": 6, "widest": 3}, 10),
        _case("zero-merges", True, {"hello": 3}, 0),
        # Stops early: every word is a single symbol after 2 merges.
        _case("runs-out-of-pairs", True, {"ab": 2, "b": 7}, 10),
        # Overlapping runs: pair counts include overlaps, merges are left to right.
        _case("overlapping-runs", True, {"aaaa": 3, "aaa": 2, "ba": 1}, 5),
        # All pairs tie at count 1: order is decided by the tie-break alone.
        _case("all-ties", True, {"dcba": 1, "zyx": 1, "bd": 1}, 6),
        # Word boundaries: "ab" + "cd" would create a ("b", "c") pair if words were concatenated.
        _case("no-cross-word-pairs", True, {"ab": 5, "cd": 5, "bc": 1}, 4),
        _case("random-small-alphabet", True, _random_words(rng, 12, "abc", 6), 12),
        _case("random-larger", True, _random_words(rng, 25, LETTERS, 8), 20),
        _case("single-letter-words", True, {"a": 4, "b": 3, "c": 3}, 5),
    ]
    return cases

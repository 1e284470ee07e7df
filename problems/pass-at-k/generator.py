import numpy as np


def _case(name, n, c, k, hidden=True):
    return {"name": name, "hidden": hidden, "args": {"n": int(n), "c": [int(x) for x in c], "k": int(k)}}


def generate(seed: int) -> list[dict]:
    rng = np.random.default_rng(seed)
    cases = [
        _case("sample-1", 10, [0, 3, 10], 1, hidden=False),
        _case("sample-2", 10, [2, 5], 5, hidden=False),
    ]
    cases.append(_case("k-1-is-mean-accuracy", 200, rng.integers(0, 201, size=20), 1))
    # HumanEval's setting: 164 problems, n = 200 samples each, pass@10 and pass@100.
    humaneval = rng.integers(0, 201, size=164)
    humaneval[:40] = rng.integers(0, 4, size=40)       # many hard problems with a handful of successes
    cases.append(_case("humaneval-n200-k10", 200, humaneval, 10))
    cases.append(_case("humaneval-n200-k100", 200, humaneval, 100))
    # n - c < k gives exactly 1.0; n - c == k is the last count where the product has a zero-free last factor.
    cases.append(_case("n-minus-c-below-and-at-k", 20, [20, 19, 15, 14, 13, 0], 6))
    cases.append(_case("k-equals-n", 30, [0, 1, 29, 30], 30))
    cases.append(_case("n-1", 1, [0, 1, 1], 1))
    cases.append(_case("all-zero", 100, [0, 0, 0, 0], 10))
    cases.append(_case("all-correct", 50, [50, 50], 7))
    # n = 10,000: n(n-1)...(n-k+1) overflows float64 from k = 78 on, C(n, k) itself from k = 135; rare
    # successes make the answer small, where the biased formula is furthest off in relative terms.
    cases.append(_case("n-10000-k-10-rare", 10000, rng.integers(0, 6, size=8), 10))
    cases.append(_case("n-10000-k-100", 10000, rng.integers(0, 40, size=10), 100))
    cases.append(_case("n-10000-k-1000", 10000, rng.integers(0, 20, size=6), 1000))
    cases.append(_case("n-10000-k-5000", 10000, [0, 1, 2, 5, 4999, 5000, 5001, 10000], 5000))
    return cases

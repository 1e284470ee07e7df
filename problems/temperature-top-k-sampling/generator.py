import numpy as np


def _u(seed):
    return np.random.default_rng(seed).random()


def _seed_with_u(rng, low, high):
    """A seed whose first uniform draw lies in [low, high): steers cases into the tail of the CDF."""
    while True:
        seed = int(rng.integers(0, 2**31))
        if low <= _u(seed) < high:
            return seed


def _case(name, hidden, logits, temperature, top_k, seed):
    return {"name": name, "hidden": hidden,
            "args": {"logits": np.asarray(logits, dtype=np.float64), "temperature": float(temperature),
                     "top_k": int(top_k), "seed": int(seed)}}


def generate(seed: int) -> list[dict]:
    rng = np.random.default_rng(seed)
    cases = [
        _case("sample-top-3", False, [2.0, 1.0, 0.5, -1.0, 0.0], 1.0, 3, 0),
        _case("sample-hot", False, [3.0, 1.0, 0.0, 2.5], 2.0, 0, 7),
    ]
    v = 20
    cases.append(_case("top-5-tail-draw", True, rng.normal(0, 2, v), 1.0, 5, _seed_with_u(rng, 0.93, 0.99)))
    cases.append(_case("low-temperature", True, rng.normal(0, 1, v), 0.3, 10, _seed_with_u(rng, 0.6, 0.95)))
    cases.append(_case("high-temperature", True, rng.normal(0, 3, v), 5.0, 8, _seed_with_u(rng, 0.5, 0.9)))
    cases.append(_case("top-1-is-argmax", True, rng.normal(0, 1, v), 0.7, 1, int(rng.integers(0, 2**31))))
    cases.append(_case("k-zero-keeps-all", True, rng.normal(0, 0.5, 12), 1.0, 0, _seed_with_u(rng, 0.8, 0.95)))
    cases.append(_case("k-larger-than-vocab", True, rng.normal(0, 1, 6), 1.5, 50, _seed_with_u(rng, 0.7, 0.95)))
    big = rng.normal(0, 1, 10)
    big[[2, 5, 7]] = [1000.0, 999.5, 999.0]  # naive exp() overflows; the draw lands past the argmax
    cases.append(_case("huge-logits", True, big, 1.0, 4, _seed_with_u(rng, 0.6, 0.95)))
    # Four tokens tie at the cut: the lower ids (1 and 3) are kept, 6 and 8 are not.
    tie = np.full(10, -2.0)
    tie[[0, 1, 3, 6, 8]] = [3.0, 1.0, 1.0, 1.0, 1.0]
    cases.append(_case("ties-at-the-cut", True, tie, 1.0, 3, _seed_with_u(rng, 0.9, 0.99)))
    cases.append(_case("single-token", True, [0.25], 1.0, 1, 3))
    cases.append(_case("equal-logits", True, np.zeros(8), 1.0, 4, _seed_with_u(rng, 0.6, 0.7)))
    return cases

import numpy as np


def _u(seed):
    return np.random.default_rng(seed).random()


def _seed_with_u(rng, low, high):
    """A seed whose first uniform draw lies in [low, high): steers cases into the tail of the CDF."""
    while True:
        seed = int(rng.integers(0, 2**31))
        if low <= _u(seed) < high:
            return seed


def _case(name, hidden, logits, temperature, top_p, seed):
    return {"name": name, "hidden": hidden,
            "args": {"logits": np.asarray(logits, dtype=np.float64), "temperature": float(temperature),
                     "top_p": float(top_p), "seed": int(seed)}}


def generate(seed: int) -> list[dict]:
    rng = np.random.default_rng(seed)
    cases = [
        _case("sample-nucleus", False, [1.0, 3.0, 0.0, 2.0], 1.0, 0.8, 5),
        _case("sample-hot", False, [0.5, 2.0, -1.0, 1.0, 0.0], 2.0, 0.7, 4),
    ]
    v = 30
    cases.append(_case("typical-0.9", True, rng.normal(0, 2, v), 1.0, 0.9, _seed_with_u(rng, 0.85, 0.99)))
    cases.append(_case("typical-0.95-tail", True, rng.normal(0, 1.5, v), 1.0, 0.95, _seed_with_u(rng, 0.9, 0.999)))
    cases.append(_case("low-temperature", True, rng.normal(0, 1, v), 0.5, 0.9, _seed_with_u(rng, 0.7, 0.95)))
    cases.append(_case("high-temperature", True, rng.normal(0, 2, v), 3.0, 0.6, _seed_with_u(rng, 0.8, 0.99)))
    cases.append(_case("tiny-top-p-is-argmax", True, rng.normal(0, 1, v), 1.0, 0.01, int(rng.integers(0, 2**31))))
    cases.append(_case("top-p-one-keeps-all", True, rng.normal(0, 0.3, 10), 1.0, 1.0, _seed_with_u(rng, 0.9, 0.99)))
    peaked = rng.normal(0, 1, 12)
    peaked[4] = 1000.0  # one token holds (almost) all the mass; naive exp() overflows
    cases.append(_case("huge-logit-dominates", True, peaked, 1.0, 0.5, _seed_with_u(rng, 0.5, 0.99)))
    big = rng.normal(0, 1, 12) + 700.0
    cases.append(_case("huge-logits-spread", True, big, 0.8, 0.85, _seed_with_u(rng, 0.8, 0.97)))
    # Equal logits: probabilities 1/8 each, top_p 0.6 keeps 5 tokens (0.625 >= 0.6), lowest ids first.
    cases.append(_case("equal-logits", True, np.zeros(8), 1.0, 0.6, _seed_with_u(rng, 0.81, 0.99)))
    cases.append(_case("single-token", True, [-3.0], 1.0, 0.9, 11))
    return cases

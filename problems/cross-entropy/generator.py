import numpy as np


def _case(name: str, hidden: bool, logits, labels) -> dict:
    return {"name": name, "hidden": hidden,
            "args": {"logits": np.asarray(logits, dtype=np.float64), "labels": np.asarray(labels, dtype=np.int64)}}


def generate(seed: int) -> list[dict]:
    rng = np.random.default_rng(seed)
    cases = [
        _case("sample-1", False, [[2.0, 1.0, 0.1]], [0]),
        _case("sample-2", False, [[0.0, 0.0], [1000.0, 0.0]], [1, 1]),
    ]
    b, c = 8, 5
    cases += [
        _case("random-8x5", True, rng.normal(size=(b, c)), rng.integers(0, c, size=b)),
        _case("random-16x11", True, rng.normal(scale=3.0, size=(16, 11)), rng.integers(0, 11, size=16)),
        _case("single-class", True, [[3.0], [-2.0]], [0, 0]),
        _case("large-logits-correct-label", True, rng.uniform(900.0, 1000.0, size=(4, 6)),
              rng.integers(0, 6, size=4)),
        # The true class is 2000 nats below the best one: softmax underflows to 0 and log(0) = -inf.
        _case("confidently-wrong", True, [[1000.0, -1000.0, 0.0], [-1000.0, 1000.0, 999.0]], [1, 0]),
        _case("large-negative", True, rng.uniform(-1000.0, -990.0, size=(3, 4)), [0, 3, 2]),
        _case("uniform-logits", True, np.zeros((5, 7)), [0, 1, 2, 3, 6]),
        _case("batch-of-one", True, rng.normal(scale=2.0, size=(1, 9)), [4]),
    ]
    return cases

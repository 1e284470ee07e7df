import numpy as np


def _case(name, hidden, lengths, capacity):
    return {"name": name, "hidden": hidden, "args": {"lengths": [int(x) for x in lengths], "capacity": int(capacity)}}


def generate(seed: int) -> list[dict]:
    rng = np.random.default_rng(seed)
    cases = [
        _case("sample-1", False, [5, 3, 8, 2, 4, 6], 10),
        _case("sample-2-too-long", False, [3, 12, 4], 10),
    ]
    hidden = [
        _case("random-sft-lengths", True, rng.integers(50, 2048, size=40), 4096),
        _case("many-short", True, rng.integers(1, 64, size=60), 256),
        # Many equal lengths: tie-breaking by index decides the bins.
        _case("many-ties", True, rng.choice([3, 5, 7], size=30), 16),
        _case("exact-fills", True, [6, 4, 6, 4, 10, 5, 5, 3, 7], 10),
        _case("all-equal-capacity", True, [8, 8, 8], 8),
        _case("empty", True, [], 32),
        _case("single", True, [7], 7),
        _case("oversize-last", True, list(rng.integers(1, 100, size=10)) + [101], 100),
        _case("small-capacity-mixed", True, [6, 5, 4, 3, 2, 2, 2], 9),
        _case("capacity-one", True, [1, 1, 1, 1], 1),
        _case("heavy-tail", True, np.concatenate([rng.integers(900, 1000, size=5), rng.integers(1, 120, size=30)]), 1024),
    ]
    return cases + hidden

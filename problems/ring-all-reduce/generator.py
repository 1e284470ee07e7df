import numpy as np


def generate(seed: int) -> list[dict]:
    rng = np.random.default_rng(seed)
    n = rng.normal

    def case(name, hidden, x):
        return {"name": name, "hidden": hidden, "args": {"x": np.asarray(x, dtype=np.float64)}}

    return [
        case("sample-3-ranks", False, [[1.0, 2.0, 3.0], [10.0, 20.0, 30.0], [100.0, 200.0, 300.0]]),
        case("sample-2-ranks-uneven", False, [[1.0, 2.0, 3.0, 4.0, 5.0], [0.5, 0.5, 0.5, 0.5, 0.5]]),
        case("one-rank", True, n(size=(1, 5))),
        case("two-ranks", True, n(size=(2, 8))),
        case("four-ranks-divisible", True, n(size=(4, 12))),
        case("five-ranks-remainder", True, n(size=(5, 13))),
        case("eight-ranks", True, n(scale=10.0, size=(8, 37))),
        # Fewer elements than ranks: some chunks are empty, the schedule is unchanged.
        case("fewer-elements-than-ranks", True, n(size=(6, 4))),
        case("one-element", True, n(size=(3, 1))),
        case("seven-ranks-large-values", True, n(scale=1e3, size=(7, 20))),
        case("integers-as-floats", True, rng.integers(-5, 6, size=(6, 10))),
    ]

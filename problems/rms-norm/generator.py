import numpy as np


def _case(name, hidden, x, weight, eps):
    return {"name": name, "hidden": hidden,
            "args": {"x": np.asarray(x, dtype=np.float64), "weight": np.asarray(weight, dtype=np.float64),
                     "eps": float(eps)}}


def generate(seed: int) -> list[dict]:
    rng = np.random.default_rng(seed)

    def weight(d):
        return rng.normal(1.0, 0.3, size=d)

    cases = [
        _case("sample-1", False, [[1.0, 2.0, 3.0, 4.0]], np.ones(4), 1e-6),
        _case("sample-2", False, [[3.0, -4.0], [0.0, 0.0]], [1.0, 0.5], 1e-6),
    ]
    cases += [
        # Non-zero means everywhere, so subtracting the mean (LayerNorm-style) changes the answer.
        _case("random-2d", True, rng.normal(0.5, 1.0, size=(5, 8)), weight(8), 1e-6),
        _case("random-3d", True, rng.normal(-1.0, 2.0, size=(2, 3, 6)), weight(6), 1e-5),
        _case("vector", True, rng.normal(1.0, 1.0, size=7), weight(7), 1e-6),
        # D = 1: the output is weight * x / sqrt(x^2 + eps), about +-weight.
        _case("one-feature", True, rng.normal(size=(4, 1)), weight(1), 1e-6),
        # Mean square ~1e-6, the same size as eps: eps must sit inside the square root.
        _case("tiny-values", True, rng.normal(0.0, 1e-3, size=(3, 5)), weight(5), 1e-6),
        _case("zero-row", True, np.vstack([np.zeros(4), rng.normal(size=4)]), weight(4), 1e-6),
        _case("constant-rows", True, np.full((2, 6), 2.5), weight(6), 1e-6),
        _case("large-values", True, rng.normal(300.0, 50.0, size=(3, 16)), weight(16), 1e-6),
        _case("large-eps", True, rng.normal(size=(2, 4)), weight(4), 0.25),
        _case("wide-rows", True, rng.normal(size=(2, 64)), weight(64), 1e-6),
    ]
    return cases

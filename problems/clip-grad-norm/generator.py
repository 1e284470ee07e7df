import numpy as np


def _case(name, hidden, grads, max_norm):
    return {"name": name, "hidden": hidden,
            "args": {"grads": [np.asarray(g, dtype=np.float64) for g in grads], "max_norm": float(max_norm)}}


def generate(seed: int) -> list[dict]:
    rng = np.random.default_rng(seed)
    cases = [
        _case("sample-clipped", False, [[3.0], [4.0, 0.0]], 1.0),
        _case("sample-below-threshold", False, [[0.1, -0.2], [[0.3, 0.0], [0.0, 0.1]]], 1.0),
    ]
    # Each tensor is below max_norm on its own but the global norm is above it.
    cases.append(_case("each-small-global-large", True,
                       [0.6 * rng.standard_normal(4), 0.6 * rng.standard_normal((2, 2)),
                        0.6 * rng.standard_normal(3)], 1.0))
    cases.append(_case("many-shapes", True,
                       [rng.standard_normal((3, 4)), rng.standard_normal(5), rng.standard_normal((2, 1, 3))], 2.0))
    cases.append(_case("exploding", True, [1e4 * rng.standard_normal((4, 4)), rng.standard_normal(4)], 1.0))
    cases.append(_case("norm-equals-max", True, [[3.0, 4.0], [12.0]], 13.0))
    cases.append(_case("just-below-max", True, [[3.0, 4.0], [12.0]], 13.00001))
    cases.append(_case("all-zero", True, [np.zeros(3), np.zeros((2, 2))], 1.0))
    cases.append(_case("empty-list", True, [], 1.0))
    cases.append(_case("single-element", True, [[-7.5]], 0.5))
    cases.append(_case("tiny-max-norm", True, [rng.standard_normal(6), rng.standard_normal((2, 3))], 1e-3))
    cases.append(_case("large-max-norm", True, [rng.standard_normal(6)], 100.0))
    return cases

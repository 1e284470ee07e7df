import numpy as np


def _case(name, hidden, w, sparsity):
    w = np.asarray(w, dtype=np.float64)
    product = sparsity * w.size
    # floor must not depend on rounding: the product is an exact integer or clearly between two
    assert product == np.floor(product) or abs(product - np.round(product)) > 1e-6, name
    return {"name": name, "hidden": hidden, "args": {"w": w, "sparsity": sparsity}}


def generate(seed):
    rng = np.random.default_rng(seed)
    rows = rng.standard_normal((4, 5)) * np.array([[0.01], [1.0], [10.0], [0.1]])
    with_zeros = rng.standard_normal(12)
    with_zeros[[2, 7, 9]] = 0.0
    return [
        _case("sample-1", False, [[0.5, -1.5, 0.1], [2.0, -0.2, 0.05]], 0.5),
        _case("sample-2", False, [1.0, -1.0, 3.0, 1.0], 0.5),
        _case("sparsity-zero", True, rng.standard_normal((3, 4)), 0.0),
        _case("sparsity-one", True, rng.standard_normal((3, 4)), 1.0),
        _case("floor-not-round", True, rng.standard_normal((2, 5)), 0.75),
        _case("fraction-of-seven", True, rng.standard_normal(7), 0.3),
        _case("large-negative-weights", True, [-9.0, 0.1, -7.0, 0.2, 5.0, -0.3, 0.05, -4.0], 0.5),
        _case("many-ties", True, rng.integers(-2, 3, size=(5, 6)).astype(np.float64), 0.4),
        _case("rows-of-different-scale", True, rows, 0.5),
        _case("already-zero-entries", True, with_zeros, 0.25),
        _case("high-sparsity-3d", True, rng.standard_normal((4, 5, 5)), 0.9),
    ]

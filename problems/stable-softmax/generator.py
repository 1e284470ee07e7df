import numpy as np


def generate(seed: int) -> list[dict]:
    rng = np.random.default_rng(seed)
    cases = [
        {"name": "sample-1", "hidden": False, "args": {"x": np.array([1.0, 2.0, 3.0])}},
        {"name": "sample-2", "hidden": False,
         "args": {"x": np.array([[1000.0, 1000.0], [-1.0, 1.0]])}},
    ]
    hidden = {
        "single-element": np.array([42.0]),
        "random-2d": rng.normal(size=(4, 7)),
        "random-3d": rng.normal(scale=3.0, size=(2, 3, 5)),
        # Rows at very different scales: a single global max would underflow the second row to 0/0.
        "rows-at-different-scales": np.array([[1000.0, 999.0, 998.0], [0.0, 1.0, 2.0], [-1000.0, -999.5, -1001.0]]),
        "large-positive": rng.uniform(900.0, 1000.0, size=(3, 6)),
        "large-negative": rng.uniform(-1000.0, -900.0, size=(3, 6)),
        "wide-spread": np.array([[1000.0, 0.0, -1000.0, 10.0]]),
        "masked-entries": np.array([[0.5, -np.inf, 2.0, -np.inf], [-np.inf, -np.inf, 3.0, 1.0]]),
        # Non-square so that normalising over the wrong axis cannot pass by accident.
        "tall-3x5": rng.normal(scale=5.0, size=(3, 5)),
        "constant-row": np.full((2, 4), 7.0),
    }
    for name, x in hidden.items():
        cases.append({"name": name, "hidden": True, "args": {"x": np.asarray(x, dtype=np.float64)}})
    return cases

import numpy as np


def generate(seed: int) -> list[dict]:
    rng = np.random.default_rng(seed)
    cases = [
        {"name": "sample-1", "hidden": False, "args": {"x": np.array([1.0, 2.0, 3.0])}},
        {"name": "sample-2", "hidden": False, "args": {"x": np.array([[0.0, -1000.0], [2.0, 2.0]])}},
    ]
    hidden = {
        "single-element": np.array([-3.5]),
        "random-2d": rng.normal(size=(4, 6)),
        "random-3d": rng.normal(scale=4.0, size=(2, 3, 5)),
        # exp(-1200) underflows to 0, so log(softmax) would return -inf here.
        "probability-underflow": np.array([[5.0, -1200.0, 0.0], [-800.0, 0.0, -30.0]]),
        "large-positive": rng.uniform(900.0, 1000.0, size=(3, 5)),
        "large-negative": rng.uniform(-1000.0, -950.0, size=(2, 7)),
        "rows-at-different-scales": np.array([[1000.0, 998.0, 990.0], [-1000.0, -1001.0, -1003.0]]),
        "tall-3x5": rng.normal(scale=10.0, size=(3, 5)),
        "huge-gap-3d": np.array([[[0.0, -2000.0, -745.5]], [[1000.0, -1000.0, 0.0]]]),
    }
    for name, x in hidden.items():
        cases.append({"name": name, "hidden": True, "args": {"x": np.asarray(x, dtype=np.float64)}})
    return cases

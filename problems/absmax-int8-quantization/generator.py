import numpy as np


def _case(name, hidden, x):
    return {"name": name, "hidden": hidden, "args": {"x": np.asarray(x, dtype=np.float64)}}


def generate(seed):
    rng = np.random.default_rng(seed)
    outlier = rng.standard_normal(64)
    outlier[17] = 60.0
    return [
        # max |x| = 127, so scale = 1 exactly and the halves show the rounding rule
        _case("sample-1", False, [1.0, -2.5, 127.0, 0.5, -0.5, 3.5]),
        _case("sample-2", False, rng.standard_normal((2, 3)).round(2)),
        _case("all-zero", True, np.zeros((3, 2))),
        _case("negative-dominant", True, [-10.0, 3.0, 5.0, -0.04, 9.96]),
        # max |x| = 254, scale = 2 exactly: x / scale hits .5 exactly
        _case("halves-scale-two", True, [254.0, 5.0, -3.0, 7.0, 1.0, -1.0, 9.0, -254.0]),
        _case("single-element", True, [-0.3]),
        _case("gaussian-matrix", True, rng.standard_normal((16, 12))),
        _case("large-magnitude", True, 1e6 * rng.standard_normal(40)),
        _case("small-magnitude", True, 1e-8 * rng.standard_normal((5, 5))),
        _case("3d-tensor", True, rng.uniform(-3, 3, size=(2, 3, 4))),
        _case("outlier", True, outlier),
    ]

import numpy as np


def _case(name, hidden, x, block_size):
    return {"name": name, "hidden": hidden,
            "args": {"x": np.asarray(x, dtype=np.float64), "block_size": block_size}}


def generate(seed):
    rng = np.random.default_rng(seed)
    rows = rng.standard_normal((4, 6)) * np.array([[0.01], [1.0], [100.0], [0.1]])
    zero_middle = rng.standard_normal(12)
    zero_middle[4:8] = 0.0
    return [
        _case("sample-1", False, [1.0, -2.0, 0.5, 4.0, 100.0, -50.0, 25.0, 10.0], 4),
        _case("sample-2", False, rng.standard_normal((2, 5)).round(2), 4),
        _case("one-block", True, rng.standard_normal((3, 3)), 16),
        _case("block-size-one", True, rng.standard_normal(7), 1),
        _case("zero-block-in-middle", True, zero_middle, 4),
        _case("rows-of-different-scale", True, rows, 6),
        _case("blocks-across-rows", True, rows, 4),
        # block absmax 127 -> scale 1 exactly; the halves test the rounding rule
        _case("halves", True, [127.0, 2.5, -0.5, 3.5, -127.0, 1.5, -2.5, 0.5], 4),
        _case("qlora-block-64", True, rng.standard_normal((10, 30)), 64),
        _case("3d-tensor", True, rng.uniform(-1, 1, size=(2, 3, 5)) * np.array([1.0, 10.0, 1000.0])[:, None], 7),
        _case("all-zero", True, np.zeros((2, 3)), 4),
    ]

import numpy as np

NF4 = np.array([
    -1.0, -0.6961928009986877, -0.5250730514526367, -0.39491748809814453,
    -0.28444138169288635, -0.18477343022823334, -0.09105003625154495, 0.0,
    0.07958029955625534, 0.16093020141124725, 0.24611230194568634, 0.33791524171829224,
    0.44070982933044434, 0.5626170039176941, 0.7229568362236023, 1.0,
])


def _case(name, hidden, x, block_size=None):
    args = {"x": np.asarray(x, dtype=np.float64)}
    if block_size is not None:
        args["block_size"] = block_size
    return {"name": name, "hidden": hidden, "args": args}


def generate(seed):
    rng = np.random.default_rng(seed)
    # absmax 1 (the block holds 1.0), so x / absmax is exactly each midpoint between neighbouring levels
    midpoints = (NF4[:-1] + NF4[1:]) / 2
    ties = np.concatenate([[1.0], rng.permutation(midpoints)])
    zero_middle = rng.standard_normal(24)
    zero_middle[8:16] = 0.0
    outlier = rng.standard_normal((2, 64))
    outlier[0, 5] = 40.0
    return [
        _case("sample-1", False, [0.5, -1.0, 0.1, 0.3, 2.0, -0.04, 0.0, 1.2], 4),
        _case("sample-2", False, rng.standard_normal((2, 5)).round(2), 4),
        _case("default-block-64", True, rng.standard_normal((4, 48)) * 0.02),
        _case("short-last-block", True, rng.standard_normal(70), 64),
        _case("block-size-one", True, rng.standard_normal(9), 1),
        _case("exact-ties", True, ties, 16),
        _case("negated-midpoints", True, -ties, 16),
        _case("zero-block-in-middle", True, zero_middle, 8),
        _case("all-zero", True, np.zeros((2, 3)), 4),
        _case("outlier-block", True, outlier, 64),
        _case("levels-scaled", True, rng.permutation(NF4) * 0.5, 16),
        _case("3d-blocks-across-rows", True, rng.standard_normal((2, 3, 10)) * np.array([1.0, 0.01, 100.0])[:, None], 12),
        _case("large", True, rng.standard_normal((64, 96)), 64),
    ]

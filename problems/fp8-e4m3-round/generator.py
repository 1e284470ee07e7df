import numpy as np


def _positive_values():
    """All finite non-negative E4M3FN values, in increasing order (index = bit pattern)."""
    sub = [m * 2.0**-9 for m in range(8)]
    normal = [(1 + m / 8) * 2.0 ** (e - 7) for e in range(1, 16) for m in range(8)]
    return np.array(sub + normal[:-1])  # drop exponent 15 / mantissa 111 (NaN)


def _case(name, hidden, x):
    return {"name": name, "hidden": hidden, "args": {"x": np.asarray(x, dtype=np.float64)}}


def generate(seed):
    rng = np.random.default_rng(seed)
    vals = _positive_values()
    mids = (vals[:-1] + vals[1:]) / 2  # exact in float64: every tie in the format
    signs = rng.choice([-1.0, 1.0], size=mids.size)
    wide = rng.choice([-1.0, 1.0], size=60) * 10.0 ** rng.uniform(-4, 2.7, size=60)
    near_ties = np.concatenate([mids * (1 + 2.0**-40), mids * (1 - 2.0**-40)])
    return [
        _case("sample-1", False, [0.3, -1.0, 1.0625, 1.1875, 500.0, 0.001, -0.0]),
        _case("sample-2", False, (rng.standard_normal((2, 4)) * 10).round(3)),
        _case("all-ties-half-even", True, signs * mids),
        _case("near-ties", True, rng.permutation(near_ties)),
        _case("representable-unchanged", True, np.concatenate([vals, -vals[1:]])),
        _case("subnormal-range", True, rng.uniform(-2.0**-6, 2.0**-6, size=40)),
        _case("tiny-to-zero", True, [2.0**-10, -2.0**-10, 2.0**-11, 1e-30, 3 * 2.0**-10, -5 * 2.0**-10]),
        _case("saturation", True, [448.0, 449.0, 463.999, 464.0, 470.0, 480.0, 1e4, -1e300, 1e300, -500.0]),
        _case("inf-and-nan", True, [np.inf, -np.inf, np.nan, 1.0, -np.nan, 0.0]),
        _case("wide-range-2d", True, wide.reshape(6, 10)),
        _case("normal-3d", True, rng.standard_normal((2, 3, 8))),
    ]

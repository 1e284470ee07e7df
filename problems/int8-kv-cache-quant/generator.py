import numpy as np


def _case(name, hidden, k, v):
    return {"name": name, "hidden": hidden,
            "args": {"k": np.asarray(k, dtype=np.float64), "v": np.asarray(v, dtype=np.float64)}}


def generate(seed):
    rng = np.random.default_rng(seed)
    # keys with outlier channels (the reason KIVI quantizes keys per channel)
    outlier_k = rng.standard_normal((2, 2, 16, 8))
    outlier_k[..., 3] *= 30.0
    outlier_v = rng.standard_normal((2, 2, 16, 8))
    outlier_v[:, :, 5, :] *= 30.0
    # amax 127 makes the scale exactly 1, so .5 values are exact ties for the rounding rule
    ties_k = np.array([[[[127.0, 2.5, -127.0], [-0.5, 127.0, 0.5], [3.5, -1.5, 4.5], [-2.5, 0.5, -5.5]]]])
    ties_v = np.array([[[[127.0, 2.5, -0.5], [1.5, -127.0, 3.5], [-4.5, 0.5, 127.0], [127.0, -2.5, 5.5]]]])
    zero_k = rng.standard_normal((1, 2, 5, 4))
    zero_k[0, 1, :, 2] = 0.0  # a whole key channel is zero
    zero_v = rng.standard_normal((1, 2, 5, 4))
    zero_v[0, 0, 3, :] = 0.0  # a whole value token is zero
    return [
        _case("sample-1", False, [[[[1.0, -4.0], [2.0, 0.5], [-3.0, 1.0]]]], [[[[1.0, -4.0], [2.0, 0.5], [-3.0, 1.0]]]]),
        _case("sample-2", False, rng.standard_normal((1, 2, 3, 4)).round(2), rng.standard_normal((1, 2, 3, 4)).round(2)),
        _case("outlier-key-channel", True, outlier_k, rng.standard_normal((2, 2, 16, 8))),
        _case("outlier-value-token", True, rng.standard_normal((2, 2, 16, 8)), outlier_v),
        _case("ties-half-even", True, ties_k, ties_v),
        _case("zero-channel-and-token", True, zero_k, zero_v),
        _case("single-token", True, rng.standard_normal((2, 3, 1, 4)), rng.standard_normal((2, 3, 1, 4))),
        _case("head-dim-one", True, rng.standard_normal((1, 2, 6, 1)), rng.standard_normal((1, 2, 6, 1))),
        _case("all-zero", True, np.zeros((1, 1, 3, 2)), np.zeros((1, 1, 3, 2))),
        _case("different-head-scales", True,
              rng.standard_normal((2, 4, 12, 16)) * np.array([0.01, 1.0, 10.0, 1000.0])[None, :, None, None],
              rng.standard_normal((2, 4, 12, 16)) * np.array([1000.0, 0.1, 1.0, 0.01])[None, :, None, None]),
        _case("long", True, rng.standard_normal((1, 2, 64, 32)), rng.standard_normal((1, 2, 64, 32))),
    ]

import numpy as np


def _case(name, hidden, x, positions, base, scaling, factor):
    return {"name": name, "hidden": hidden,
            "args": {"x": np.asarray(x, dtype=np.float64), "positions": np.asarray(positions, dtype=np.int64),
                     "base": float(base), "scaling": scaling, "factor": float(factor)}}


def generate(seed: int) -> list[dict]:
    rng = np.random.default_rng(seed)
    sample = [[1.0, 2.0, 3.0, 4.0], [1.0, 2.0, 3.0, 4.0], [1.0, 0.0, 0.0, 1.0]]
    cases = [
        _case("sample-1-linear", False, sample, [0, 1, 2], 10000.0, "linear", 2.0),
        _case("sample-2-ntk", False, sample, [0, 1, 2], 10000.0, "ntk", 4.0),
    ]

    def normal(t, d):
        return rng.normal(size=(t, d))

    cases += [
        _case("no-scaling", True, normal(6, 8), np.arange(6), 10000.0, "none", 1.0),
        _case("none-ignores-factor", True, normal(4, 8), [3, 9, 27, 81], 10000.0, "none", 8.0),
        # Position interpolation (Chen et al. 2023): 2k-trained model run at 8k with factor 4.
        _case("linear-factor-4-long", True, normal(5, 16), [0, 2047, 4096, 6000, 8191], 10000.0, "linear", 4.0),
        _case("linear-factor-1-is-identity", True, normal(4, 8), np.arange(4) * 13, 10000.0, "linear", 1.0),
        _case("linear-fractional-factor", True, normal(4, 12), rng.integers(0, 5000, size=4), 10000.0, "linear", 2.5),
        # NTK-aware: base * factor^(d/(d-2)); d = 4 has the largest exponent (2).
        _case("ntk-head-dim-4", True, normal(5, 4), rng.integers(0, 3000, size=5), 10000.0, "ntk", 2.0),
        _case("ntk-factor-8-long", True, normal(4, 64), [0, 100, 16000, 32767], 10000.0, "ntk", 8.0),
        _case("ntk-factor-1-is-identity", True, normal(3, 8), [5, 50, 500], 10000.0, "ntk", 1.0),
        _case("ntk-llama3-base", True, normal(4, 32), [1, 7, 300, 20000], 500000.0, "ntk", 4.0),
        _case("linear-packed-positions", True, normal(7, 6), [0, 1, 2, 0, 1, 2, 3], 10000.0, "linear", 3.0),
        _case("ntk-offset-decode", True, normal(3, 128), np.arange(9000, 9003), 10000.0, "ntk", 3.0),
    ]
    return cases

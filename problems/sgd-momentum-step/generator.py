import numpy as np


def _case(name, hidden, p, g, v, lr, momentum, weight_decay=0.0, nesterov=False):
    return {"name": name, "hidden": hidden,
            "args": {"param": np.asarray(p, dtype=np.float64), "grad": np.asarray(g, dtype=np.float64),
                     "velocity": np.asarray(v, dtype=np.float64), "lr": float(lr),
                     "momentum": float(momentum), "weight_decay": float(weight_decay),
                     "nesterov": bool(nesterov)}}


def generate(seed: int) -> list[dict]:
    rng = np.random.default_rng(seed)
    cases = [
        _case("sample-plain", False, [1.0, -2.0], [0.5, 0.5], [1.0, 0.0], 0.1, 0.9),
        _case("sample-nesterov-decay", False, [1.0, -2.0, 0.5], [0.2, 0.0, -1.0], [0.5, -0.5, 0.0],
              0.05, 0.9, weight_decay=0.01, nesterov=True),
    ]

    def rand(*shape, scale=1.0):
        return scale * rng.standard_normal(shape)

    shape = (3, 4)
    cases.append(_case("first-step-zero-velocity", True, rand(*shape), rand(*shape), np.zeros(shape),
                       0.01, 0.9))
    cases.append(_case("matrix-momentum", True, rand(4, 5), rand(4, 5), rand(4, 5), 0.03, 0.95))
    cases.append(_case("weight-decay", True, rand(6), rand(6), rand(6), 0.1, 0.9, weight_decay=0.05))
    cases.append(_case("nesterov", True, rand(2, 3), rand(2, 3), rand(2, 3), 0.2, 0.8, nesterov=True))
    cases.append(_case("nesterov-weight-decay", True, rand(5), rand(5), rand(5), 0.07, 0.99,
                       weight_decay=0.1, nesterov=True))
    cases.append(_case("no-momentum", True, rand(4), rand(4), np.zeros(4), 0.5, 0.0, weight_decay=0.01))
    cases.append(_case("no-momentum-nesterov-flag", True, rand(3), rand(3), np.zeros(3), 0.3, 0.0,
                       nesterov=True))
    cases.append(_case("large-values", True, rand(3, 3, scale=1e6), rand(3, 3, scale=1e4),
                       rand(3, 3, scale=1e4), 1e-3, 0.9, weight_decay=1e-4))
    cases.append(_case("tiny-gradients", True, rand(8), rand(8, scale=1e-8), rand(8, scale=1e-8), 0.01, 0.9,
                       nesterov=True))
    cases.append(_case("single-element", True, [3.0], [-1.0], [2.0], 0.25, 0.5, weight_decay=0.2))
    return cases

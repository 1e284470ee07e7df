import numpy as np


def _moments(rng, shape, steps, beta1, beta2, scale):
    """The moment state after `steps` earlier steps of random gradients (consistent m and v)."""
    m, v = np.zeros(shape), np.zeros(shape)
    for _ in range(steps):
        g = scale * rng.standard_normal(shape)
        m = beta1 * m + (1 - beta1) * g
        v = beta2 * v + (1 - beta2) * g * g
    return m, v


def _case(name, hidden, param, grad, m, v, t, lr=1e-3, beta1=0.9, beta2=0.999, eps=1e-8, weight_decay=0.01):
    arr = lambda x: np.asarray(x, dtype=np.float64)  # noqa: E731
    return {"name": name, "hidden": hidden,
            "args": {"param": arr(param), "grad": arr(grad), "m": arr(m), "v": arr(v), "t": int(t),
                     "lr": float(lr), "beta1": float(beta1), "beta2": float(beta2), "eps": float(eps),
                     "weight_decay": float(weight_decay)}}


def generate(seed: int) -> list[dict]:
    rng = np.random.default_rng(seed)
    cases = [
        _case("sample-pure-decay", False, [1.0, -2.0], [0.0, 0.0], [0.0, 0.0], [0.0, 0.0], 1,
              lr=0.1, weight_decay=0.5),
        _case("sample-second-step", False, [0.5, -1.0, 2.0], [0.2, -0.1, 0.0], [0.02, 0.01, -0.03],
              [4e-5, 1e-5, 9e-5], 2, lr=0.01, weight_decay=0.1),
    ]

    def state_case(name, shape, t, scale=1.0, **kw):
        b1, b2 = kw.get("beta1", 0.9), kw.get("beta2", 0.999)
        m, v = _moments(rng, shape, t - 1, b1, b2, scale)
        param = 3.0 * rng.standard_normal(shape)
        return _case(name, True, param, scale * rng.standard_normal(shape), m, v, t, **kw)

    cases.append(state_case("first-step-matrix", (3, 4), 1, weight_decay=0.1))
    cases.append(state_case("no-decay-equals-adam", (5,), 7, weight_decay=0.0))
    cases.append(state_case("llm-style", (2, 5), 300, lr=3e-4, beta2=0.95, weight_decay=0.1))
    cases.append(state_case("step-2000", (4,), 2000, lr=6e-4, weight_decay=0.1))
    cases.append(state_case("large-lr-decay", (6,), 3, lr=0.1, weight_decay=0.5))
    cases.append(state_case("tiny-gradients", (5,), 4, scale=1e-7, lr=0.01, weight_decay=0.05))
    cases.append(state_case("large-gradients", (3, 3), 5, scale=1e3, lr=0.01, weight_decay=0.01))
    cases.append(state_case("default-decay", (4,), 12))
    cases.append(_case("zero-params", True, [0.0, 0.0, 0.0], [1.0, -0.5, 0.25], [0.0, 0.0, 0.0],
                       [0.0, 0.0, 0.0], 1, lr=0.05, weight_decay=0.3))
    return cases

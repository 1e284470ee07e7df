import numpy as np


def _moments(rng, shape, steps, beta1, beta2, scale):
    """The moment state after `steps` earlier steps of random gradients (consistent m and v)."""
    m, v = np.zeros(shape), np.zeros(shape)
    for _ in range(steps):
        g = scale * rng.standard_normal(shape)
        m = beta1 * m + (1 - beta1) * g
        v = beta2 * v + (1 - beta2) * g * g
    return m, v


def _case(name, hidden, param, grad, m, v, t, lr=1e-3, beta1=0.9, beta2=0.999, eps=1e-8):
    arr = lambda x: np.asarray(x, dtype=np.float64)  # noqa: E731
    return {"name": name, "hidden": hidden,
            "args": {"param": arr(param), "grad": arr(grad), "m": arr(m), "v": arr(v), "t": int(t),
                     "lr": float(lr), "beta1": float(beta1), "beta2": float(beta2), "eps": float(eps)}}


def generate(seed: int) -> list[dict]:
    rng = np.random.default_rng(seed)
    cases = [
        _case("sample-first-step", False, [1.0, 2.0], [0.1, -0.2], [0.0, 0.0], [0.0, 0.0], 1),
        _case("sample-third-step", False, [0.5, -1.0, 2.0], [0.3, 0.0, -0.1], [0.05, -0.02, 0.01],
              [0.0004, 0.0001, 0.00002], 3, lr=0.01),
    ]

    def state_case(name, shape, t, scale=1.0, **kw):
        b1, b2 = kw.get("beta1", 0.9), kw.get("beta2", 0.999)
        m, v = _moments(rng, shape, t - 1, b1, b2, scale)
        return _case(name, True, rng.standard_normal(shape), scale * rng.standard_normal(shape), m, v, t, **kw)

    cases.append(state_case("first-step-matrix", (3, 4), 1))
    cases.append(state_case("step-2", (5,), 2, lr=0.01))
    cases.append(state_case("step-10", (2, 3), 10))
    cases.append(state_case("step-1000-llm-betas", (6,), 1000, lr=3e-4, beta2=0.95))
    cases.append(state_case("step-5000", (4,), 5000, lr=1e-4))
    cases.append(state_case("tiny-gradients-eps-matters", (5,), 2, scale=1e-8))
    cases.append(state_case("tiny-gradients-late", (4,), 50, scale=1e-9, eps=1e-8))
    cases.append(state_case("large-gradients", (3, 3), 4, scale=1e3, lr=0.1))
    cases.append(_case("zero-gradient-first-step", True, [1.0, -1.0, 0.0], [0.0, 0.0, 0.0],
                       [0.0, 0.0, 0.0], [0.0, 0.0, 0.0], 1))
    cases.append(state_case("big-eps", (4,), 3, eps=1e-3, beta1=0.8, beta2=0.99))
    return cases

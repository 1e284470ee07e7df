import numpy as np


def _case(name, hidden, param, grad, m, lr=1e-4, beta1=0.9, beta2=0.99, weight_decay=0.0):
    arr = lambda x: np.asarray(x, dtype=np.float64)  # noqa: E731
    return {"name": name, "hidden": hidden,
            "args": {"param": arr(param), "grad": arr(grad), "m": arr(m), "lr": float(lr), "beta1": float(beta1),
                     "beta2": float(beta2), "weight_decay": float(weight_decay)}}


def generate(seed: int) -> list[dict]:
    rng = np.random.default_rng(seed)
    cases = [
        _case("sample-1", False, [1.0, -2.0, 0.5], [0.3, 0.1, -0.2], [-0.5, 0.0, 0.1], lr=0.1, weight_decay=0.1),
        _case("sample-first-step", False, [0.5, -0.5], [2.0, -1.0], [0.0, 0.0], lr=0.01),
    ]

    def rand_case(name, shape, gscale=1.0, mscale=1.0, **kw):
        return _case(name, True, rng.standard_normal(shape), gscale * rng.standard_normal(shape),
                     mscale * rng.standard_normal(shape), **kw)

    cases.append(rand_case("matrix-defaults", (4, 5)))
    cases.append(rand_case("large-lr-with-decay", (6,), lr=0.3, weight_decay=1.0))
    cases.append(rand_case("llm-style", (3, 4), lr=3e-4, beta1=0.95, beta2=0.98, weight_decay=0.1))
    # Momentum and gradient of opposite sign: sign(beta1*m + (1-beta1)*g) follows m, sign(beta2*m + ...) may not.
    g = rng.uniform(0.5, 1.5, 8) * rng.choice([-1.0, 1.0], 8)
    cases.append(_case("momentum-against-gradient", True, rng.standard_normal(8), g, -0.3 * g, lr=0.05,
                       beta1=0.5, beta2=0.99, weight_decay=0.2))
    cases.append(rand_case("tiny-gradients", (5,), gscale=1e-12, mscale=1e-12, lr=0.01, weight_decay=0.5))
    cases.append(rand_case("huge-gradients", (2, 3), gscale=1e6, mscale=1e6, lr=0.01, weight_decay=0.5))
    cases.append(_case("zero-gradient-and-momentum", True, [1.0, -1.0, 0.0], [0.0, 0.0, 0.0], [0.0, 0.0, 0.0],
                       lr=0.1, weight_decay=0.5))
    cases.append(rand_case("beta1-zero", (7,), lr=0.02, beta1=0.0, beta2=0.9, weight_decay=0.3))
    cases.append(rand_case("3d-tensor", (2, 3, 2), lr=0.1, beta1=0.9, beta2=0.99, weight_decay=0.05))
    return cases

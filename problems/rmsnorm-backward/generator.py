import numpy as np


def _case(name, dy, x, g, eps, hidden=True):
    return {"name": name, "hidden": hidden, "args": {"dy": dy, "x": x, "g": g, "eps": float(eps)}}


def _random(rng, n, d, x_scale=1.0, eps=1e-6):
    return (rng.standard_normal((n, d)), x_scale * rng.standard_normal((n, d)),
            1.0 + 0.5 * rng.standard_normal(d), eps)


def generate(seed: int) -> list[dict]:
    rng = np.random.default_rng(seed)
    cases = [
        _case("sample-1", np.array([[1.0, 0.0, -1.0]]), np.array([[1.0, 2.0, 3.0]]), np.array([1.0, 1.0, 1.0]),
              1e-6, hidden=False),
        _case("sample-2", np.array([[0.5, -1.0], [2.0, 1.0]]), np.array([[3.0, -4.0], [1.0, 1.0]]),
              np.array([2.0, 0.5]), 1e-5, hidden=False),
    ]
    cases.append(_case("rows-4-d8", *_random(rng, 4, 8)))
    cases.append(_case("llama-eps-1e-5", *_random(rng, 6, 32, eps=1e-5)))
    cases.append(_case("d-1", *_random(rng, 5, 1)))                  # y = g * x / sqrt(x^2 + eps): dx tiny, not 0
    cases.append(_case("d-1-eps-1e-2", *_random(rng, 4, 1, eps=1e-2)))
    cases.append(_case("d-2", *_random(rng, 3, 2)))
    cases.append(_case("single-row", *_random(rng, 1, 16)))
    cases.append(_case("small-x-eps-dominates", *_random(rng, 3, 6, x_scale=1e-4)))   # mean(x^2) ~ 1e-8 < eps
    cases.append(_case("large-x", *_random(rng, 3, 10, x_scale=1e3)))
    cases.append(_case("eps-zero", *_random(rng, 3, 5, eps=0.0)))
    x = rng.standard_normal((4, 12))
    x[1] = 0.0                                                         # an all-zero row: rms = sqrt(eps)
    cases.append(_case("zero-row", rng.standard_normal((4, 12)), x, rng.standard_normal(12), 1e-6))
    cases.append(_case("wide-rows", *_random(rng, 8, 64)))
    return cases

import numpy as np


def _case(name, grads, scale, good_steps, growth_factor=2.0, backoff_factor=0.5, growth_interval=2000, hidden=True):
    return {"name": name, "hidden": hidden, "args": {
        "grads": [np.asarray(g, dtype=np.float64) for g in grads], "scale": float(scale), "good_steps": int(good_steps),
        "growth_factor": float(growth_factor), "backoff_factor": float(backoff_factor),
        "growth_interval": int(growth_interval)}}


def generate(seed: int) -> list[dict]:
    rng = np.random.default_rng(seed)
    cases = [
        _case("sample-good-step", [[65536.0, -32768.0], [[6553.6]]], 65536.0, 10, hidden=False),
        _case("sample-overflow", [[1.0, np.inf], [[2.0]]], 65536.0, 10, hidden=False),
        _case("sample-growth", [[4.0, 8.0]], 4.0, 2, growth_interval=3, hidden=False),
    ]

    def grads(scale, shapes=((3, 4), (5,))):
        return [scale * 1e-3 * rng.standard_normal(s) for s in shapes]

    cases.append(_case("good-step-counts", grads(2.0**16), 2.0**16, 0))
    cases.append(_case("nan-in-second-tensor", [rng.standard_normal(4), np.array([1.0, np.nan, 2.0])], 1024.0, 1999))
    cases.append(_case("negative-inf", [np.array([[-np.inf, 1.0], [2.0, 3.0]])], 2.0**15, 5, backoff_factor=0.25))
    cases.append(_case("overflow-resets-counter", [np.array([np.inf, -np.inf, np.nan])], 8.0, 1500))
    cases.append(_case("grow-at-interval", grads(2.0**12), 2.0**12, 1999))
    cases.append(_case("one-before-interval", grads(2.0**12), 2.0**12, 1998))
    cases.append(_case("interval-1-grows-every-step", grads(3.0), 3.0, 0, growth_factor=1.5, growth_interval=1))
    cases.append(_case("custom-factors", grads(100.0), 100.0, 49, growth_factor=4.0, backoff_factor=0.1,
                       growth_interval=50))
    # Growing would overflow float64: the scale stays (only a finite new scale is taken), the counter resets.
    cases.append(_case("growth-would-overflow", [np.array([1e300, -2e300])], 1e308, 99, growth_interval=100))
    cases.append(_case("scale-below-one", [np.array([1e-3, 2e-3, -5e-4])], 0.125, 3, growth_interval=10))
    cases.append(_case("all-zero-grads", [np.zeros(3), np.zeros((2, 2))], 512.0, 7, growth_interval=8))
    cases.append(_case("single-scalar-grad", [np.array(12.5)], 5.0, 0))
    return cases

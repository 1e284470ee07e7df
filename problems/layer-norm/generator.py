import numpy as np


def _case(name, hidden, x, gamma, beta, eps):
    return {"name": name, "hidden": hidden,
            "args": {"x": np.asarray(x, dtype=np.float64), "gamma": np.asarray(gamma, dtype=np.float64),
                     "beta": np.asarray(beta, dtype=np.float64), "eps": float(eps)}}


def generate(seed: int) -> list[dict]:
    rng = np.random.default_rng(seed)

    def affine(d):
        return rng.normal(1.0, 0.5, size=d), rng.normal(0.0, 0.5, size=d)

    cases = [
        _case("sample-1", False, [[1.0, 2.0, 3.0, 4.0], [2.0, 2.0, 2.0, 2.0]], np.ones(4), np.zeros(4), 1e-5),
        _case("sample-2", False, [0.5, -1.0, 3.0], [1.0, 2.0, 0.5], [0.0, 1.0, -1.0], 1e-5),
    ]
    cases += [
        _case("random-2d", True, rng.normal(size=(5, 8)), *affine(8), 1e-5),
        _case("random-3d", True, rng.normal(2.0, 3.0, size=(2, 3, 6)), *affine(6), 1e-5),
        # D = 2: the unbiased (ddof=1) variance is twice the biased one.
        _case("two-features", True, rng.normal(size=(4, 2)), *affine(2), 1e-5),
        # D = 1: x - mean is 0, so the output is beta (an unbiased variance would be 0/0).
        _case("one-feature", True, rng.normal(size=(3, 1)), *affine(1), 1e-5),
        # Constant rows: variance 0, eps keeps the division finite and the output is beta.
        _case("constant-rows", True, np.full((2, 5), -3.5), *affine(5), 1e-5),
        # Variance ~1e-6, comparable to eps: where eps goes (inside the sqrt) matters a lot.
        _case("tiny-variance", True, rng.normal(0.3, 1e-3, size=(3, 7)), *affine(7), 1e-5),
        _case("large-eps", True, rng.normal(size=(2, 4)), *affine(4), 0.5),
        # A common offset of ~1e4: E[x^2] - E[x]^2 cancels catastrophically; the two-pass form does not.
        _case("large-offset", True, 3e4 + rng.normal(size=(4, 16)), *affine(16), 1e-5),
        _case("large-negative-offset-3d", True, -2e4 + rng.normal(size=(2, 2, 8)), *affine(8), 1e-5),
        _case("wide-rows", True, rng.normal(0.0, 10.0, size=(3, 64)), *affine(64), 1e-6),
    ]
    return cases

import numpy as np


def _rows(rng: np.random.Generator, n: int, c: int, alpha: float = 1.0) -> np.ndarray:
    return rng.dirichlet(np.full(c, alpha), size=n)


def _case(name: str, hidden: bool, p, q, direction: str) -> dict:
    return {"name": name, "hidden": hidden,
            "args": {"p": np.asarray(p, dtype=np.float64), "q": np.asarray(q, dtype=np.float64),
                     "direction": direction}}


def generate(seed: int) -> list[dict]:
    rng = np.random.default_rng(seed)
    cases = [
        _case("sample-forward", False, [[0.5, 0.5]], [[0.9, 0.1]], "forward"),
        _case("sample-reverse", False, [[0.5, 0.5]], [[0.9, 0.1]], "reverse"),
        _case("sample-zero-in-p", False, [[1.0, 0.0]], [[0.5, 0.5]], "forward"),
    ]
    p, q = _rows(rng, 6, 5), _rows(rng, 6, 5)
    cases += [
        _case("random-forward", True, p, q, "forward"),
        _case("random-reverse", True, p, q, "reverse"),
    ]
    # Sparse, peaked rows (Dirichlet alpha < 1) with exact zeros placed where both rows are zero.
    p, q = _rows(rng, 4, 8, alpha=0.3), _rows(rng, 4, 8, alpha=0.3)
    p[:, 0] = 0.0
    q[:, 0] = 0.0
    p /= p.sum(axis=1, keepdims=True)
    q /= q.sum(axis=1, keepdims=True)
    cases.append(_case("shared-zeros-forward", True, p, q, "forward"))
    # p has zeros where q does not: forward KL stays finite (0 * log 0 = 0) ...
    p = np.array([[0.0, 0.25, 0.75], [0.6, 0.0, 0.4]])
    q = np.array([[0.2, 0.3, 0.5], [0.1, 0.1, 0.8]])
    cases.append(_case("zeros-in-p-forward", True, p, q, "forward"))
    # ... and reverse KL of the same pair is infinite (q > 0 where p = 0).
    cases.append(_case("zeros-in-p-reverse-is-inf", True, p, q, "reverse"))
    cases.append(_case("identical-rows", True, np.tile([0.1, 0.2, 0.3, 0.4], (3, 1)),
                       np.tile([0.1, 0.2, 0.3, 0.4], (3, 1)), "reverse"))
    p = _rows(rng, 5, 6)
    cases.append(_case("nearly-equal-forward", True, p, 0.999 * p + 0.001 / 6, "forward"))
    cases.append(_case("one-hot-vs-uniform-reverse", True, np.eye(4), np.full((4, 4), 0.25), "reverse"))
    cases.append(_case("single-outcome", True, [[1.0], [1.0]], [[1.0], [1.0]], "forward"))
    return cases

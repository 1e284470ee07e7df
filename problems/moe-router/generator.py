import numpy as np


def _case(name, logits, k, hidden=True):
    return {"name": name, "hidden": hidden,
            "args": {"router_logits": np.asarray(logits, dtype=np.float64), "k": int(k)}}


def generate(seed: int) -> list[dict]:
    rng = np.random.default_rng(seed)
    cases = [
        _case("sample-1", [[2.0, 1.0, 0.0, -1.0], [0.0, 3.0, 0.5, 0.5], [1.0, 1.0, 1.0, 1.0]], 2, hidden=False),
        _case("sample-2", [[0.1, -0.3, 2.2], [1.5, 1.5, -2.0]], 1, hidden=False),
    ]
    cases.append(_case("random-8x6-top2", rng.normal(size=(8, 6)), 2))
    cases.append(_case("random-16x8-top2", 2.0 * rng.normal(size=(16, 8)), 2))
    cases.append(_case("random-12x16-top4", rng.normal(size=(12, 16)), 4))
    cases.append(_case("top1-switch", rng.normal(size=(10, 5)), 1))
    cases.append(_case("k-equals-E", rng.normal(size=(6, 4)), 4))
    cases.append(_case("one-token", rng.normal(size=(1, 8)), 3))
    cases.append(_case("two-experts", rng.normal(size=(7, 2)), 1))
    # Logits up to +-30: probabilities down to about e^-60, still no underflow; an unshifted exp is fine here.
    cases.append(_case("logits-up-to-30", rng.uniform(-30.0, 30.0, size=(6, 8)), 2))
    # Exact ties: equal logits give bit-identical probabilities; the lower expert index must win and come first.
    ties = rng.integers(-2, 3, size=(12, 6)).astype(np.float64)
    cases.append(_case("integer-logits-with-ties", ties, 3))
    cases.append(_case("all-equal-logits", np.full((4, 8), 0.5), 2))
    cases.append(_case("tie-across-the-cutoff", [[3.0, 1.0, 1.0, 1.0, 0.0], [0.0, 2.0, 2.0, -1.0, 2.0],
                                                 [-1.0, -1.0, 5.0, 5.0, 5.0]], 2))
    # Every token picks expert 0 first: a collapsed router, the case the aux loss is there to penalise.
    collapsed = rng.normal(size=(9, 6))
    collapsed[:, 0] += 6.0
    cases.append(_case("collapsed-router", collapsed, 2))
    return cases

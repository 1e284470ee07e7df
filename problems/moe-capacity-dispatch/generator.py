import numpy as np


def _case(name, indices, num_experts, capacity_factor, hidden=True):
    return {"name": name, "hidden": hidden,
            "args": {"expert_indices": np.asarray(indices, dtype=np.int64), "num_experts": int(num_experts),
                     "capacity_factor": float(capacity_factor)}}


def _routing(rng, n_tokens, num_experts, k, skew):
    """Distinct experts per token, drawn from a skewed popularity (as a trained router's top-k would be)."""
    weights = np.exp(skew * rng.normal(size=num_experts))
    weights /= weights.sum()
    return np.stack([rng.choice(num_experts, size=k, replace=False, p=weights) for _ in range(n_tokens)])


def generate(seed: int) -> list[dict]:
    rng = np.random.default_rng(seed)
    cases = [
        _case("sample-1", [[0], [0], [0], [2]], 3, 1.0, hidden=False),
        _case("sample-2", [[0, 1], [0, 2], [1, 0], [0, 3]], 4, 1.0, hidden=False),
    ]
    # Capacity factors are exact binary fractions, so capacity_factor * N * k / E rounds the same in any order.
    cases.append(_case("top2-random-32x8", _routing(rng, 32, 8, 2, 1.0), 8, 1.0))
    cases.append(_case("top2-skewed-48x8-cf1.25", _routing(rng, 48, 8, 2, 2.0), 8, 1.25))
    cases.append(_case("top1-switch-64x8-cf1.25", _routing(rng, 64, 8, 1, 1.5), 8, 1.25))
    cases.append(_case("top4-24x16-cf1.5", _routing(rng, 24, 16, 4, 1.5), 16, 1.5))
    cases.append(_case("top2-fractional-capacity", _routing(rng, 10, 8, 2, 1.5), 8, 1.0))    # 2.5 -> 3
    cases.append(_case("top2-cf0.75", _routing(rng, 20, 6, 2, 1.0), 6, 0.75))                 # 5.0 -> 5
    cases.append(_case("no-drops-large-factor", _routing(rng, 16, 4, 2, 2.0), 4, 4.0))         # capacity N*k
    cases.append(_case("capacity-one", _routing(rng, 12, 6, 2, 1.0), 6, 0.25))                 # 1.0 -> 1
    collapsed = _routing(rng, 20, 5, 2, 0.5)
    collapsed[:, 0] = 0
    collapsed[:, 1] = rng.integers(1, 5, size=20)
    cases.append(_case("collapsed-router", collapsed, 5, 1.0))
    cases.append(_case("one-token", _routing(rng, 1, 8, 2, 1.0), 8, 1.0))
    cases.append(_case("k-equals-E", np.stack([rng.permutation(4) for _ in range(6)]), 4, 0.5))
    cases.append(_case("unused-experts", rng.integers(0, 3, size=(15, 1)), 8, 2.0))
    cases.append(_case("top2-many-tokens", _routing(rng, 200, 16, 2, 1.0), 16, 1.0))
    return cases

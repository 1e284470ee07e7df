import numpy as np


def _case(name, rewards, method, eps=None, hidden=True):
    args = {"rewards": np.asarray(rewards, dtype=np.float64), "method": method}
    if eps is not None:
        args["eps"] = float(eps)
    return {"name": name, "hidden": hidden, "args": args}


def generate(seed: int) -> list[dict]:
    rng = np.random.default_rng(seed)
    sample = [[1.0, 0.0, 0.0, 1.0], [0.2, 0.5, 0.9, 0.4]]
    cases = [
        _case("sample-1-rloo", sample, "rloo", hidden=False),
        _case("sample-2-grpo", sample, "grpo", hidden=False),
    ]
    for method in ("rloo", "grpo"):
        # Verifiable rewards: 0/1 per completion; some prompts all solved or all failed (a constant group).
        binary = (rng.random((8, 8)) < rng.random((8, 1))).astype(np.float64)
        binary[0], binary[1] = 1.0, 0.0
        cases.append(_case(f"binary-rewards-{method}", binary, method))
        cases.append(_case(f"reward-model-scores-{method}", 2.0 * rng.normal(size=(6, 5)), method))
        cases.append(_case(f"two-samples-{method}", rng.normal(size=(5, 2)), method))
        cases.append(_case(f"one-prompt-16-samples-{method}", rng.normal(size=(1, 16)), method))
        cases.append(_case(f"constant-groups-{method}", np.repeat(rng.normal(size=(3, 1)), 4, axis=1), method))
        cases.append(_case(f"offset-rewards-{method}", 50.0 + rng.normal(size=(4, 6)), method))
    # Spread about 1e-3: the std is comparable to eps, so where eps goes matters.
    cases.append(_case("grpo-tiny-spread", 0.5 + 1e-3 * rng.normal(size=(4, 6)), "grpo"))
    cases.append(_case("grpo-eps-1e-6", rng.normal(size=(5, 4)), "grpo", eps=1e-6))
    cases.append(_case("grpo-eps-0.1", 1e-2 * rng.normal(size=(3, 8)), "grpo", eps=0.1))
    cases.append(_case("rloo-eps-ignored", rng.normal(size=(3, 3)), "rloo", eps=0.5))
    return cases

import numpy as np


def _case(name, hidden, steps, max_lr, min_lr, warmup_steps, total_steps):
    return {"name": name, "hidden": hidden,
            "args": {"steps": np.asarray(steps, dtype=np.int64), "max_lr": float(max_lr), "min_lr": float(min_lr),
                     "warmup_steps": int(warmup_steps), "total_steps": int(total_steps)}}


def _probe_steps(rng, warmup, total, extra=8):
    """Every boundary that matters, plus a few random steps, shuffled."""
    edges = {0, 1, warmup - 1, warmup, warmup + 1, (warmup + total) // 2, total - 1, total, total + 1, 2 * total}
    edges = {s for s in edges if s >= 0}
    picks = rng.integers(0, total + 5, size=extra).tolist()
    steps = np.array(sorted(edges) + picks, dtype=np.int64)
    rng.shuffle(steps)
    return steps


def generate(seed: int) -> list[dict]:
    rng = np.random.default_rng(seed)
    cases = [
        _case("sample-tiny", False, list(range(8)), 1.0, 0.0, 2, 6),
        _case("sample-min-lr", False, [0, 5, 10, 55, 100, 150], 1e-3, 1e-4, 10, 100),
    ]
    cases.append(_case("llm-like", True, _probe_steps(rng, 2000, 100000), 3e-4, 3e-5, 2000, 100000))
    cases.append(_case("no-warmup", True, _probe_steps(rng, 0, 50), 0.1, 0.001, 0, 50))
    cases.append(_case("one-warmup-step", True, _probe_steps(rng, 1, 20), 1.0, 0.1, 1, 20))
    cases.append(_case("decay-over-one-step", True, [0, 1, 2, 3, 4, 5, 6], 2.0, 0.5, 4, 5))
    cases.append(_case("min-lr-zero", True, _probe_steps(rng, 10, 30), 6e-4, 0.0, 10, 30))
    cases.append(_case("min-equals-max", True, [0, 3, 5, 8, 10, 11], 0.01, 0.01, 5, 10))
    cases.append(_case("every-step", True, np.arange(0, 26), 1.0, 0.2, 7, 23))
    cases.append(_case("far-past-end", True, [1000, 10**6, 10**9, 3], 5e-4, 5e-5, 4, 100))
    cases.append(_case("repeated-steps", True, [7, 7, 0, 0, 12, 12], 1.0, 0.0, 3, 12))
    return cases

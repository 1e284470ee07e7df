import numpy as np


def _case(name, hidden, steps, peak_lr, warmup_steps, total_steps, decay_fraction, final_lr_fraction, decay_shape):
    return {"name": name, "hidden": hidden,
            "args": {"steps": np.asarray(steps, dtype=np.int64), "peak_lr": float(peak_lr),
                     "warmup_steps": int(warmup_steps), "total_steps": int(total_steps),
                     "decay_fraction": float(decay_fraction), "final_lr_fraction": float(final_lr_fraction),
                     "decay_shape": decay_shape}}


def _probe_steps(rng, warmup, total, decay_fraction, extra=10):
    """Every phase boundary and its neighbours, plus random steps, shuffled."""
    start = total - round(decay_fraction * total)
    edges = {0, 1, warmup - 1, warmup, warmup + 1, (warmup + start) // 2, start - 1, start, start + 1,
             (start + total) // 2, total - 1, total, total + 1, 3 * total}
    picks = rng.integers(0, total + 5, size=extra).tolist()
    steps = np.array(sorted(s for s in edges if s >= 0) + picks, dtype=np.int64)
    rng.shuffle(steps)
    return steps


def generate(seed: int) -> list[dict]:
    rng = np.random.default_rng(seed)
    every = list(range(12))
    cases = [
        _case("sample-linear", False, every, 1.0, 2, 10, 0.4, 0.1, "linear"),
        _case("sample-1-sqrt", False, every, 1.0, 2, 10, 0.4, 0.1, "1-sqrt"),
    ]
    hidden = [
        # name, warmup, total, decay_fraction, final_lr_fraction, shape, peak
        ("llm-like-1-sqrt", 2000, 100000, 0.2, 0.0, "1-sqrt", 3e-4),
        ("llm-like-linear", 2000, 100000, 0.1, 0.1, "linear", 6e-4),
        ("no-warmup", 0, 50, 0.5, 0.0, "linear", 0.1),
        ("no-stable-phase", 6, 10, 0.4, 0.05, "1-sqrt", 2.0),
        ("decay-whole-run", 0, 40, 1.0, 0.0, "1-sqrt", 1e-3),
        ("one-step-decay", 5, 20, 0.05, 0.25, "1-sqrt", 1.0),
        ("one-step-warmup", 1, 16, 0.25, 0.0, "linear", 0.5),
        ("final-equals-peak", 4, 20, 0.5, 1.0, "1-sqrt", 3e-4),
        ("small-peak-1-sqrt", 100, 1000, 0.125, 0.01, "1-sqrt", 1e-5),
        ("final-fraction-linear", 30, 300, 0.3, 0.1, "linear", 4e-4),
    ]
    for name, warmup, total, frac, final, shape, peak in hidden:
        cases.append(_case(name, True, _probe_steps(rng, warmup, total, frac), peak, warmup, total, frac, final, shape))
    cases.append(_case("every-step-1-sqrt", True, np.arange(0, 34), 1.0, 5, 32, 0.25, 0.0, "1-sqrt"))
    cases.append(_case("far-past-end", True, [10**9, 64, 65, 10**6, 0], 2e-4, 8, 64, 0.25, 0.1, "linear"))
    cases.append(_case("repeated-steps", True, [9, 9, 0, 0, 15, 15, 12, 12], 1.0, 3, 15, 0.2, 0.0, "1-sqrt"))
    cases.append(_case("matrix-of-steps", True, np.arange(0, 24).reshape(4, 6), 1.0, 4, 20, 0.5, 0.0, "linear"))
    return cases

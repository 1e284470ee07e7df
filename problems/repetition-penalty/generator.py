import numpy as np

EXAMPLE_LOGITS = np.array([2.0, -1.0, 0.5, -3.0, 0.0, 1.5])
EXAMPLE_CONTEXT = np.array([0, 1, 1, 4, 1], dtype=np.int64)


def _case(name, hidden, logits, context, theta, mode):
    return {
        "name": name,
        "hidden": hidden,
        "args": {"logits": logits, "context": context, "theta": float(theta), "mode": mode},
    }


def _random(rng, name, V, T, theta, mode, repeats=True, dtype=np.int64):
    """Logits of both signs; the context repeats ids (heavily when `repeats`) and skips most of the vocabulary."""
    logits = rng.normal(scale=3.0, size=V)
    pool = rng.choice(V, size=max(1, V // 3), replace=False)
    context = rng.choice(pool, size=T, replace=repeats) if repeats else pool[:T]
    return _case(name, True, logits, context.astype(dtype), theta, mode)


def generate(seed: int) -> list[dict]:
    rng = np.random.default_rng(seed)
    cases = [
        _case("sample-ctrl", False, EXAMPLE_LOGITS.copy(), EXAMPLE_CONTEXT.copy(), 2.0, "ctrl"),
        _case("sample-sign-aware", False, EXAMPLE_LOGITS.copy(), EXAMPLE_CONTEXT.copy(), 2.0, "sign-aware"),
        _case("empty-context-ctrl", True, rng.normal(size=7), np.zeros(0, dtype=np.int64), 1.3, "ctrl"),
        _case("empty-context-sign-aware", True, rng.normal(size=7), np.zeros(0, dtype=np.int64), 1.3, "sign-aware"),
        _case("theta-one", True, rng.normal(size=9), np.array([1, 5, 5, 8], dtype=np.int64), 1.0, "sign-aware"),
        _case("one-token-many-times-ctrl", True, rng.normal(size=6), np.full(12, 3, dtype=np.int64), 1.5, "ctrl"),
        _case(
            "one-negative-token-many-times",
            True,
            np.array([0.3, -2.0, 1.0, 0.7]),
            np.full(9, 1, dtype=np.int64),
            1.5,
            "sign-aware",
        ),
        _case(
            "negative-logits-ctrl",
            True,
            -np.abs(rng.normal(size=10)) - 0.5,
            np.array([0, 2, 4, 6, 8, 2], dtype=np.int64),
            1.8,
            "ctrl",
        ),
        _case(
            "negative-logits-sign-aware",
            True,
            -np.abs(rng.normal(size=10)) - 0.5,
            np.array([0, 2, 4, 6, 8, 2], dtype=np.int64),
            1.8,
            "sign-aware",
        ),
        _case(
            "zero-logits",
            True,
            np.array([0.0, 1.0, -1.0, 0.0, 2.0]),
            np.array([0, 3, 2], dtype=np.int64),
            1.7,
            "sign-aware",
        ),
        _case("whole-vocab-seen", True, rng.normal(size=8), rng.permutation(np.repeat(np.arange(8), 2)), 1.2, "ctrl"),
        _case("theta-below-one", True, rng.normal(size=12), np.array([0, 1, 2, 3, 3, 11], dtype=np.int64), 0.8,
              "sign-aware"),
        _random(rng, "random-ctrl", 500, 120, 1.3, "ctrl"),
        _random(rng, "random-sign-aware", 500, 120, 1.3, "sign-aware"),
        _random(rng, "distinct-ids-sign-aware", 200, 40, 1.1, "sign-aware", repeats=False),
        _random(rng, "int32-context", 300, 80, 1.25, "sign-aware", dtype=np.int32),
        _random(rng, "large-theta-ctrl", 100, 30, 10.0, "ctrl"),
    ]
    return cases

import numpy as np


def generate(seed: int) -> list[dict]:
    rng = np.random.default_rng(seed)

    def case(name, logits, targets=None, hidden=True):
        logits = np.asarray(logits, dtype=np.float64)
        n, c = logits.shape
        targets = rng.integers(0, c, size=n) if targets is None else targets
        return {"name": name, "hidden": hidden,
                "args": {"logits": logits, "targets": np.asarray(targets, dtype=np.int64)}}

    wide = rng.uniform(-1000.0, 1000.0, size=(4, 6))
    return [
        case("sample-1", [[2.0, 1.0, 0.1], [0.5, 2.5, -1.0]], [0, 2], hidden=False),
        case("sample-2", rng.normal(size=(4, 5)), hidden=False),
        case("random-8x10", rng.normal(scale=3.0, size=(8, 10))),
        case("single-row", rng.normal(size=(1, 4))),
        case("two-classes", rng.normal(scale=2.0, size=(5, 2))),
        case("many-classes", rng.normal(size=(3, 50))),
        case("large-positive", rng.uniform(900.0, 1000.0, size=(3, 5))),
        case("large-negative", rng.uniform(-1000.0, -900.0, size=(3, 5))),
        # Targets at each row's minimum: their probability underflows to 0, but the loss is finite (~2000).
        case("wide-spread-target-at-min", wide, np.argmin(wide, axis=1)),
        # Targets far above the rest: loss and gradient are essentially 0.
        case("confident-and-right", [[1000.0, 0.0, -1000.0], [-5.0, 995.0, 0.0]], [0, 1]),
        case("uniform-logits", np.full((3, 4), 7.0), [0, 3, 1]),
    ]

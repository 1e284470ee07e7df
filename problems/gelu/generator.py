import numpy as np


def _case(name, hidden, x, approximate):
    return {"name": name, "hidden": hidden,
            "args": {"x": np.asarray(x, dtype=np.float64), "approximate": approximate}}


def generate(seed: int) -> list[dict]:
    rng = np.random.default_rng(seed)
    grid = np.linspace(-6.0, 6.0, 49)
    cases = [
        _case("sample-1-exact", False, [-2.0, -1.0, 0.0, 1.0, 2.0], "none"),
        _case("sample-2-tanh", False, [-2.0, -1.0, 0.0, 1.0, 2.0], "tanh"),
    ]
    cases += [
        # The two forms differ by up to ~5e-4 on [-6, 6]: far above the tolerance.
        _case("grid-exact", True, grid, "none"),
        _case("grid-tanh", True, grid, "tanh"),
        _case("random-2d-exact", True, rng.normal(0.0, 2.0, size=(4, 6)), "none"),
        _case("random-3d-tanh", True, rng.normal(0.0, 2.0, size=(2, 3, 4)), "tanh"),
        # Far tails: GELU(x) -> x for large x and -> 0 (from below) for very negative x.
        _case("tails-exact", True, [-40.0, -12.0, -8.5, -5.0, 5.0, 8.5, 12.0, 40.0], "none"),
        _case("tails-tanh", True, [-40.0, -12.0, -8.5, -5.0, 5.0, 8.5, 12.0, 40.0], "tanh"),
        _case("tiny-values-exact", True, rng.normal(0.0, 1e-6, size=5), "none"),
        _case("empty-exact", True, np.zeros((0, 3)), "none"),
        _case("empty-tanh", True, np.zeros(0), "tanh"),
    ]
    return cases

import numpy as np


def _case(name, hidden, x, positions, base=10000.0):
    return {"name": name, "hidden": hidden,
            "args": {"x": np.asarray(x, dtype=np.float64), "positions": np.asarray(positions, dtype=np.int64),
                     "base": float(base)}}


def generate(seed: int) -> list[dict]:
    rng = np.random.default_rng(seed)
    cases = [
        _case("sample-1", False, [[1.0, 2.0, 3.0, 4.0], [1.0, 2.0, 3.0, 4.0], [1.0, 0.0, 0.0, 1.0]], [0, 1, 2]),
        # d = 2 and base irrelevant for the single pair: [1, 0] at position p becomes [cos p, sin p].
        _case("sample-2", False, [[1.0, 0.0], [1.0, 0.0], [0.0, 1.0]], [0, 1, 3]),
    ]
    cases += [
        _case("random-8x16", True, rng.normal(size=(8, 16)), np.arange(8)),
        # Decoding with a KV cache: the new tokens sit at positions 100.., not 0...
        _case("offset-positions", True, rng.normal(size=(4, 8)), np.arange(100, 104)),
        # Packed sequences restart their positions; positions need not be sorted or distinct.
        _case("packed-sequences", True, rng.normal(size=(7, 6)), [0, 1, 2, 0, 1, 2, 3]),
        _case("large-positions", True, rng.normal(size=(3, 12)), [4095, 8000, 8191]),
        _case("position-zero-is-identity", True, rng.normal(size=(1, 10)), [0]),
        _case("two-features", True, rng.normal(size=(5, 2)), rng.integers(0, 50, size=5)),
        # LLaMA 3 uses base 500000; a small base makes every pair rotate quickly.
        _case("llama3-base", True, rng.normal(size=(4, 8)), [0, 7, 300, 2048], base=500000.0),
        _case("small-base", True, rng.normal(size=(5, 8)), np.arange(5), base=10.0),
        _case("wide-head", True, rng.normal(size=(4, 128)), np.arange(4) * 37),
    ]
    return cases

import numpy as np


def _case(name, n_heads, seq_len, hidden=True):
    return {"name": name, "hidden": hidden, "args": {"n_heads": int(n_heads), "seq_len": int(seq_len)}}


def generate(seed: int) -> list[dict]:
    rng = np.random.default_rng(seed)
    cases = [
        _case("sample-1", 4, 3, hidden=False),
        _case("sample-2", 3, 4, hidden=False),
        _case("one-head", 1, 5),
        _case("one-token", 8, 1),
        _case("eight-heads", 8, 6),
        # Non-powers of two: the closest power's slopes, then interleaved ones from twice as many heads.
        _case("five-heads", 5, 4),
        _case("six-heads", 6, 7),
        _case("twelve-heads", 12, 5),
        _case("bloom-176b-112-heads", 112, 2),
        _case("two-heads", 2, 9),
    ]
    # One power of two and one non-power of two, with sizes drawn from the seed.
    cases.append(_case("random-power-of-two", int(2 ** rng.integers(4, 7)), int(rng.integers(2, 12))))
    cases.append(_case("random-non-power-of-two", int(rng.choice([7, 9, 10, 14, 20, 24, 40, 96])),
                       int(rng.integers(2, 12))))
    return cases

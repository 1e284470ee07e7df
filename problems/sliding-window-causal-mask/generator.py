import numpy as np


def _case(name, hidden, T, S, W, offset):
    return {"name": name, "hidden": hidden, "args": {"T": int(T), "S": int(S), "W": int(W), "offset": int(offset)}}


def generate(seed: int) -> list[dict]:
    rng = np.random.default_rng(seed)
    cases = [
        _case("sample-prefill", False, 5, 5, 3, 0),
        _case("sample-chunk-with-offset", False, 3, 7, 2, 4),
        _case("window-one-diagonal", True, 6, 6, 1, 0),
        _case("window-equals-length", True, 6, 6, 6, 0),
        _case("window-larger-than-keys", True, 4, 9, 100, 5),
        _case("decode-step", True, 1, 12, 4, 11),
        _case("decode-step-window-one", True, 1, 12, 1, 11),
        _case("decode-early-window-not-full", True, 1, 3, 8, 2),
        _case("queries-past-the-keys", True, 3, 4, 2, 6),
        _case("rows-with-no-keys", True, 4, 3, 2, 3),
        _case("chunked-prefill-middle", True, 4, 16, 5, 8),
        _case("more-keys-than-queries", True, 3, 20, 6, 10),
        _case("single-key", True, 1, 1, 1, 0),
    ]
    for k in range(4):
        T = int(rng.integers(1, 25))
        offset = int(rng.integers(0, 40))
        S = offset + T + int(rng.integers(-3, 4)) if k % 2 else offset + T
        W = int(rng.integers(1, 30))
        cases.append(_case(f"random-{k}", True, T, max(S, 1), W, offset))
    return cases

import numpy as np


def _mask(counts, T):
    return np.arange(T)[None, :] < np.asarray(counts)[:, None]


def generate(seed: int) -> list[dict]:
    rng = np.random.default_rng(seed)

    def case(name, hidden, losses, mask):
        return {"name": name, "hidden": hidden,
                "args": {"losses": np.asarray(losses, dtype=np.float64), "mask": np.asarray(mask, dtype=bool)}}

    def random_case(name, counts, T, pad_value=None, scramble=False):
        M = len(counts)
        losses = rng.gamma(2.0, 1.5, size=(M, T))  # token cross-entropies are positive
        mask = _mask(counts, T)
        if scramble:  # real tokens anywhere in the row, not only a prefix (e.g. prompt tokens masked out)
            mask = np.array([rng.permutation(row) for row in mask])
        if pad_value is not None:
            losses[~mask] = pad_value
        return case(name, True, losses, mask)

    return [
        case("sample-two-micro-batches", False, [[2.0, 4.0, 0.0, 0.0], [1.0, 1.0, 1.0, 1.0]],
             [[True, True, False, False], [True, True, True, True]]),
        case("sample-equal-counts", False, [[1.0, 3.0], [5.0, 7.0]], [[True, True], [True, True]]),
        random_case("one-micro-batch", [7], 10, pad_value=0.0),
        random_case("equal-counts-no-padding", [8, 8, 8, 8], 8),
        random_case("varying-counts", [3, 17, 9, 30], 32, pad_value=0.0),
        # Padding positions hold ordinary, finite losses (as a loss computed before masking does): they must not count.
        random_case("padding-holds-nonzero-losses", [5, 12, 2], 16, pad_value=9.0),
        random_case("one-token-micro-batch", [1, 40, 25], 40, pad_value=3.0),
        random_case("masked-prompt-tokens-scattered", [6, 11, 3, 14, 9], 16, scramble=True),
        random_case("many-micro-batches", list(rng.integers(1, 65, size=16)), 64, scramble=True),
        random_case("one-token-per-row", [1, 1, 1], 1),
    ]

import numpy as np


def _partial(scores, values):
    """(m, l, o) of one block; -inf scores are masked keys, a row of them is an empty block."""
    N, d = scores.shape[0], values.shape[1]
    m = scores.max(axis=1) if scores.shape[1] else np.full(N, -np.inf)
    l = np.zeros(N)
    o = np.zeros((N, d))
    live = np.isfinite(m)
    e = np.exp(scores[live] - m[live, None])
    l[live] = e.sum(axis=1)
    o[live] = (e @ values) / l[live, None]
    return m, l, o


def _case(name, hidden, s1, v1, s2, v2):
    m1, l1, o1 = _partial(s1, v1)
    m2, l2, o2 = _partial(s2, v2)
    return {"name": name, "hidden": hidden, "args": {"m1": m1, "l1": l1, "o1": o1, "m2": m2, "l2": l2, "o2": o2}}


def _mask(rng, scores, fraction, empty_rows=()):
    scores = scores.copy()
    scores[rng.random(scores.shape) < fraction] = -np.inf
    for r in empty_rows:
        scores[r] = -np.inf
    # keep at least one key in every row not asked to be empty
    for r in range(scores.shape[0]):
        if r not in empty_rows and not np.isfinite(scores[r]).any():
            scores[r, 0] = 0.0
    return scores


def generate(seed: int) -> list[dict]:
    rng = np.random.default_rng(seed)
    n = rng.normal
    cases = [
        _case("sample-two-blocks", False, np.array([[1.0, 2.0], [0.0, 0.0]]), np.array([[1.0], [3.0]]),
              np.array([[3.0], [-1.0]]), np.array([[5.0]])),
        _case("sample-empty-block", False, np.array([[0.5, 1.5, -0.5]]), n(size=(3, 2)),
              np.full((1, 2), -np.inf), n(size=(2, 2))),
    ]
    N, d = 6, 4
    cases += [
        _case("random", True, n(size=(N, 5)), n(size=(5, d)), n(size=(N, 7)), n(size=(7, d))),
        _case("one-key-each", True, n(size=(N, 1)), n(size=(1, d)), n(size=(N, 1)), n(size=(1, d))),
        _case("different-block-sizes", True, n(scale=3, size=(N, 2)), n(size=(2, d)), n(scale=3, size=(N, 40)),
              n(size=(40, d))),
        # Block 2 entirely empty for every row, or block 1 empty for some rows.
        _case("second-block-empty", True, n(size=(N, 4)), n(size=(4, d)), np.full((N, 3), -np.inf), n(size=(3, d))),
        _case("some-rows-empty-in-block-1", True, _mask(rng, n(size=(N, 5)), 0.3, empty_rows=(1, 4)),
              n(size=(5, d)), n(size=(N, 6)), n(size=(6, d))),
        # Rows empty in both blocks must come out as m = -inf, l = 0, o = 0.
        _case("rows-empty-in-both", True, _mask(rng, n(size=(N, 4)), 0.2, empty_rows=(0, 3)), n(size=(4, d)),
              _mask(rng, n(size=(N, 5)), 0.2, empty_rows=(0, 2)), n(size=(5, d))),
        _case("all-rows-empty", True, np.full((3, 2), -np.inf), n(size=(2, d)), np.full((3, 4), -np.inf),
              n(size=(4, d))),
        # Gaps of 1e3 between the blocks' maxima, in both directions.
        _case("gap-1e3-block-2-higher", True, n(size=(N, 5)), n(size=(5, d)), 1000.0 + n(size=(N, 5)),
              n(size=(5, d))),
        _case("gap-1e3-block-1-higher", True, 1000.0 + n(size=(N, 3)), n(size=(3, d)), n(size=(N, 6)),
              n(size=(6, d))),
        # Maxima above 1e3 in absolute value: exp(m) overflows (or underflows to 0 / 0).
        _case("maxima-above-1e3", True, 1500.0 + n(size=(N, 5)), n(size=(5, d)), 1501.0 + n(size=(N, 4)),
              n(size=(4, d))),
        _case("maxima-below-minus-1e3", True, -2000.0 + n(size=(N, 5)), n(size=(5, d)),
              -2000.5 + n(size=(N, 4)), n(size=(4, d))),
        _case("mixed-scales-and-masks", True,
              _mask(rng, np.concatenate([1200 + n(size=(2, 6)), n(size=(2, 6)), -1200 + n(size=(2, 6))]), 0.3,
                    empty_rows=(5,)),
              n(size=(6, d)),
              _mask(rng, np.concatenate([n(size=(2, 3)), 1300 + n(size=(2, 3)), -1300 + n(size=(2, 3))]), 0.3,
                    empty_rows=(5,)),
              n(size=(3, d))),
    ]
    return cases

import numpy as np


def _log_softmax_rows(x):
    x = x - x.max(axis=1, keepdims=True)
    return x - np.log(np.exp(x).sum(axis=1, keepdims=True))


def _case(name, hidden, log_probs, bos, eos, max_len):
    return {"name": name, "hidden": hidden,
            "args": {"log_probs": np.asarray(log_probs, dtype=np.float64), "bos": int(bos), "eos": int(eos),
                     "max_len": int(max_len)}}


def generate(seed: int) -> list[dict]:
    rng = np.random.default_rng(seed)
    example = np.log(np.array([[0.1, 0.6, 0.2, 0.1], [0.1, 0.1, 0.7, 0.1],
                               [0.1, 0.2, 0.1, 0.6], [0.25, 0.25, 0.25, 0.25]]))
    # 0 -> 1 -> 2 -> 1 -> 2 ... never reaches eos (3): the length limit stops it.
    loop = np.log(np.array([[0.1, 0.7, 0.1, 0.1], [0.1, 0.1, 0.7, 0.1],
                            [0.1, 0.6, 0.1, 0.2], [0.25, 0.25, 0.25, 0.25]]))
    cases = [
        _case("sample-reaches-eos", False, example, 0, 3, 10),
        _case("sample-hits-max-len", False, loop, 0, 3, 5),
    ]

    def chain(v, eos, length):
        """A random table with a planted greedy path of `length` tokens that ends in eos."""
        table = rng.normal(0, 1, (v, v))
        path = rng.choice([t for t in range(v) if t != eos], size=min(length - 1, v - 1), replace=False)
        prev = 0
        for tok in list(path) + [eos]:
            table[prev, tok] = table[prev].max() + 1.0
            prev = tok
        return _log_softmax_rows(table)

    cases.append(_case("random-chain-to-eos", True, chain(12, 5, 6), 0, 5, 20))
    cases.append(_case("chain-cut-by-max-len", True, chain(12, 7, 9), 0, 7, 4))
    cases.append(_case("random-table-self-loop", True, _log_softmax_rows(rng.normal(0, 2, (15, 15))), 3, 14, 30))
    cases.append(_case("max-len-zero", True, example, 0, 3, 0))
    cases.append(_case("max-len-one", True, example, 0, 3, 1))
    eos_first = example.copy()
    eos_first[0] = np.log([0.1, 0.1, 0.1, 0.7])
    cases.append(_case("eos-immediately", True, eos_first, 0, 3, 10))
    ties = np.log(np.array([[0.1, 0.4, 0.1, 0.4], [0.0625, 0.0625, 0.4375, 0.4375],
                            [0.3, 0.3, 0.1, 0.3], [0.25, 0.25, 0.25, 0.25]]))
    cases.append(_case("ties-lowest-id", True, ties, 0, 3, 8))
    same = _log_softmax_rows(rng.normal(0, 1, (6, 6)))
    same[0, 0] = same[0].max() + 2.0  # bos == eos == 0 and the model predicts it again at once
    same = _log_softmax_rows(same)
    cases.append(_case("bos-equals-eos", True, same, 0, 0, 10))
    # A table that is NOT symmetric, so reading columns instead of rows gives another path.
    asym = rng.normal(0, 1, (8, 8))
    asym[0, 4], asym[4, 2], asym[2, 7] = 5.0, 5.0, 5.0
    asym[4, 0], asym[2, 4], asym[7, 2] = -5.0, -5.0, -5.0
    cases.append(_case("row-is-the-context", True, _log_softmax_rows(asym), 0, 7, 12))
    return cases

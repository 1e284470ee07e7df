import numpy as np


def _case(rng, name, hidden, d_out, d_in, r, alpha, unmerge=None, zero_b=False, decimals=None):
    W = rng.standard_normal((d_out, d_in))
    A = rng.standard_normal((r, d_in)) / np.sqrt(d_in)
    B = np.zeros((d_out, r)) if zero_b else rng.standard_normal((d_out, r))
    if decimals is not None:
        W, A, B = W.round(decimals), A.round(decimals), B.round(decimals)
    args = {"W": W, "A": A, "B": B, "alpha": alpha, "r": r}
    if unmerge is not None:
        args["unmerge"] = unmerge
    return {"name": name, "hidden": hidden, "args": args}


def generate(seed):
    rng = np.random.default_rng(seed)
    cases = [
        _case(rng, "sample-1", False, 3, 4, 2, 4.0, decimals=1),
        _case(rng, "sample-2", False, 3, 4, 2, 4.0, unmerge=True, decimals=1),
        _case(rng, "rank-one", True, 5, 3, 1, 2.0),
        _case(rng, "square-merge", True, 6, 6, 2, 16.0, unmerge=False),
        _case(rng, "square-unmerge", True, 6, 6, 3, 8.0, unmerge=True),
        _case(rng, "alpha-equals-r", True, 4, 7, 4, 4.0),
        _case(rng, "alpha-less-than-r", True, 8, 5, 8, 2.0),
        _case(rng, "fresh-adapter-b-zero", True, 4, 6, 2, 16.0, zero_b=True),
        _case(rng, "wide-layer", True, 8, 32, 4, 32.0, unmerge=True),
        _case(rng, "full-rank-update", True, 5, 5, 5, 10.0),
    ]
    # unmerging a merged weight must give the original back (up to rounding)
    base = _case(rng, "unmerge-after-merge", True, 7, 9, 3, 12.0)
    a = base["args"]
    merged = a["W"] + (a["alpha"] / a["r"]) * (a["B"] @ a["A"])
    cases.append({"name": "unmerge-after-merge", "hidden": True,
                  "args": {**a, "W": merged, "unmerge": True}})
    return cases

import numpy as np


def _lists(rng, n_lists, n_docs, length):
    return [[int(d) for d in rng.permutation(n_docs)[:length]] for _ in range(n_lists)]


def generate(seed: int) -> list[dict]:
    rng = np.random.default_rng(seed)
    cases = [
        {"name": "sample-1", "hidden": False, "args": {"rankings": [[3, 1, 2], [1, 3, 4], [4, 3]]}},
        {"name": "sample-2", "hidden": False, "args": {"rankings": [[7, 5], [5, 7]], "k": 60}},
    ]
    hidden = {
        "three-retrievers": {"rankings": _lists(rng, 3, 30, 10)},
        "many-lists-small-k": {"rankings": _lists(rng, 6, 15, 8), "k": 1},
        # The same ranks in different lists: exact ties that a float sum in list order splits by rounding.
        "permuted-ranks-ties": {"rankings": [[10, 11, 12, 13], [13, 10, 11, 12], [12, 13, 10, 11],
                                             [11, 12, 13, 10]]},
        # Docs 3 and 4 hold ranks {1, 2, 3, 7} in different lists: summed in list order as floats, 4 comes out
        # one unit in the last place ahead of 3, but the exact scores tie and 3 must come first.
        "float-rounding-splits-a-tie": {"rankings": [[3, 4, 20, 21, 22, 23, 24], [4, 25, 26, 27, 28, 29, 3],
                                                    [30, 3, 4, 31, 32, 33, 34], [35, 36, 3, 37, 38, 39, 4]]},
        "ties-high-id-first": {"rankings": [[9, 2], [2, 9], [8], [1]]},
        # A document at rank 1 of one list against one at rank 2 of two lists: the 1/r sum and RRF disagree.
        "depth-beats-one-top-hit": {"rankings": [[100, 5, 6], [7, 5, 8], [9, 10, 11]]},
        "large-k": {"rankings": _lists(rng, 4, 40, 20), "k": 1000},
        "single-list": {"rankings": [[4, 0, 8, 2]]},
        "empty-list-among-others": {"rankings": [[], [3, 1], [1, 2]]},
        "no-lists": {"rankings": []},
        "all-lists-empty": {"rankings": [[], []]},
        "disjoint-lists": {"rankings": [[1, 2, 3], [4, 5, 6]]},
        "long-lists": {"rankings": _lists(rng, 5, 300, 100), "k": 60},
        "zero-based-shift-matters": {"rankings": [[1, 2], [2, 3, 4, 5, 6, 7, 8, 9, 1]], "k": 1},
    }
    for name, args in hidden.items():
        cases.append({"name": name, "hidden": True, "args": args})
    return cases

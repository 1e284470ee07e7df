import numpy as np


def _away_from_edges(rng, size, n_bins, low=0.0, high=1.0):
    """Uniform confidences at least 1e-6 from every bin edge, so that every binning formula agrees."""
    c = rng.uniform(low, high, size=size)
    edges = np.arange(n_bins + 1) / n_bins
    near = np.min(np.abs(c[:, None] - edges[None, :]), axis=1) < 1e-6
    c[near] += 2e-6
    return c


def generate(seed: int) -> list[dict]:
    rng = np.random.default_rng(seed)
    cases = [
        {"name": "sample-1", "hidden": False, "args": {
            "confidences": np.array([0.9, 0.8, 0.75, 0.3, 0.6]),
            "correct": np.array([True, True, False, False, True]), "n_bins": 4}},
        {"name": "sample-2", "hidden": False, "args": {
            "confidences": np.array([0.0, 0.25, 0.5, 1.0]),
            "correct": np.array([True, False, True, True]), "n_bins": 4}},
    ]
    c = _away_from_edges(rng, 200, 15, 0.3, 1.0)
    overconfident = _away_from_edges(rng, 100, 10, 0.6, 1.0)
    hidden = {
        "default-15-bins": {"confidences": c, "correct": rng.random(200) < c},
        "overconfident-10-bins": {"confidences": overconfident, "correct": rng.random(100) < overconfident - 0.2,
                                  "n_bins": 10},
        # Edges are exact binary fractions for M = 8, so c * M, searchsorted and comparisons all agree on them.
        "values-on-edges-8-bins": {"confidences": np.array([0.125, 0.25, 0.25, 0.5, 0.625, 0.875, 1.0, 0.375, 0.25]),
                                   "correct": np.array([False, True, True, False, True, True, False, True, False]),
                                   "n_bins": 8},
        "zero-confidence": {"confidences": np.array([0.0, 0.0, 0.1, 0.95]),
                            "correct": np.array([True, True, False, True]), "n_bins": 5},
        "all-confidence-one": {"confidences": np.ones(6), "correct": np.array([1, 1, 0, 1, 0, 1], dtype=bool),
                               "n_bins": 10},
        "perfectly-calibrated": {"confidences": np.array([0.75, 0.75, 0.75, 0.75, 0.25, 0.25, 0.25, 0.25]),
                                 "correct": np.array([True, True, True, False, True, False, False, False]),
                                 "n_bins": 4},
        "single-bin": {"confidences": np.array([0.2, 0.7, 0.9]), "correct": np.array([True, False, True]),
                       "n_bins": 1},
        "single-sample": {"confidences": np.array([0.61]), "correct": np.array([False]), "n_bins": 15},
        "many-empty-bins": {"confidences": np.array([0.511, 0.527, 0.983]), "correct": np.array([True, False, True]),
                            "n_bins": 50},
        "all-wrong": {"confidences": _away_from_edges(rng, 20, 15), "correct": np.zeros(20, dtype=bool)},
        "big-and-small-bins": {"confidences": np.concatenate([np.full(40, 0.95), [0.15, 0.35, 0.55]]),
                               "correct": np.concatenate([np.ones(30, bool), np.zeros(10, bool), [True, True, False]]),
                               "n_bins": 10},
    }
    for name, args in hidden.items():
        cases.append({"name": name, "hidden": True, "args": args})
    return cases

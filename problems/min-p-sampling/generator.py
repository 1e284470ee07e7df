import numpy as np

JUST_BELOW_ONE = float(np.nextafter(1.0, 0.0))


def _case(name, hidden, probs, min_p, r):
    return {"name": name, "hidden": hidden, "args": {"probs": probs, "min_p": float(min_p), "r": float(r)}}


def _kept_cdf(probs, min_p):
    weights = np.where(probs >= min_p * probs.max(), probs, 0.0)
    return weights, np.cumsum(weights / weights.sum())


def _safe(probs, min_p, r, margin=1e-9):
    """No accidental near-ties: every p is far from the threshold (or exactly on it), and r is far from every cdf value."""
    threshold = min_p * probs.max()
    gap = np.abs(probs - threshold)
    if np.any((gap > 0) & (gap < margin * max(threshold, 1e-300))):
        return False
    _, cdf = _kept_cdf(probs, min_p)
    return r in (0.0, JUST_BELOW_ONE) or bool(np.all(np.abs(cdf - r) > margin))


def _random(rng, name, V, min_p, r=None, concentration=0.5, zeros=0):
    while True:
        probs = rng.dirichlet(np.full(V, concentration))
        if zeros:
            probs[rng.choice(V, size=zeros, replace=False)] = 0.0
            probs /= probs.sum()
        rr = float(rng.random()) if r is None else r
        if _safe(probs, min_p, rr):
            return _case(name, True, probs, min_p, rr)


def _tied_at_threshold(rng, name, V, min_p_log2, r=None):
    """Integer counts / total: tokens whose count is exactly max * 2**-min_p_log2 sit on the threshold."""
    while True:
        top = 2 ** (min_p_log2 + 3)
        on_threshold = top >> min_p_log2
        counts = rng.integers(1, top, size=V)
        counts[rng.choice(V, size=4, replace=False)] = [top, on_threshold, on_threshold, top]
        probs = counts / counts.sum()
        rr = float(rng.random()) if r is None else r
        if _safe(probs, 2.0**-min_p_log2, rr):
            return _case(name, True, probs, 2.0**-min_p_log2, rr)


def _rounding_fallback(rng, name, V, min_p):
    """r just below 1 and the normalised cdf ends at or below it; the last token is filtered out."""
    while True:
        probs = rng.dirichlet(np.full(V, 0.5))
        probs[-1] = min(probs[-1], 0.01 * probs.max())
        probs /= probs.sum()
        weights, cdf = _kept_cdf(probs, min_p)
        if weights[-1] == 0.0 and cdf[-1] <= JUST_BELOW_ONE and _safe(probs, min_p, JUST_BELOW_ONE):
            return _case(name, True, probs, min_p, JUST_BELOW_ONE)


def generate(seed: int) -> list[dict]:
    rng = np.random.default_rng(seed)
    return [
        _case("sample-basic", False, np.array([0.1, 0.4, 0.05, 0.3, 0.15]), 0.3, 0.5),
        _case("sample-tie-at-threshold", False, np.array([0.125, 0.5, 0.25, 0.0625, 0.0625]), 0.5, 0.7),
        _random(rng, "min-p-zero-keeps-all", 12, 0.0),
        _random(rng, "min-p-zero-with-zero-probs", 12, 0.0, zeros=4),
        _case("min-p-one-single-max", True, np.array([0.2, 0.1, 0.45, 0.25]), 1.0, 0.9),
        _case("min-p-one-tied-max-first", True, np.array([0.1, 0.375, 0.15, 0.375]), 1.0, 0.3),
        _case("min-p-one-tied-max-second", True, np.array([0.1, 0.375, 0.15, 0.375]), 1.0, 0.6),
        _case("uniform-distribution", True, np.full(8, 0.125), 0.9, 0.55),
        _case("one-hot", True, np.array([0.0, 0.0, 1.0, 0.0]), 0.1, 0.99),
        _random(rng, "r-zero", 20, 0.1, r=0.0),
        _random(rng, "r-just-below-one", 20, 0.1, r=JUST_BELOW_ONE),
        _rounding_fallback(rng, "rounding-fallback", 30, 0.05),
        _tied_at_threshold(rng, "ties-at-threshold-half", 40, 1),
        _tied_at_threshold(rng, "ties-at-threshold-eighth", 60, 3),
        _random(rng, "peaked", 50, 0.1, concentration=0.05),
        _random(rng, "flat", 50, 0.1, concentration=50.0),
        _random(rng, "large-vocab", 1000, 0.05, concentration=0.2),
        _random(rng, "large-vocab-small-r", 1000, 0.02, r=0.01, concentration=0.2),
        _random(rng, "with-zero-probs", 30, 0.2, zeros=10),
    ]

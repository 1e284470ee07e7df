import numpy as np

MARGIN = 1e-7


def _cumulative_after_top_k(logits, top_k):
    """Ascending-order cumulative probabilities of the top-k survivors (to keep test cases off the top-p boundary)."""
    scores = np.array(logits, dtype=np.float64)
    V = scores.shape[-1]
    if top_k > 0:
        k = min(top_k, V)
        kth = np.sort(scores, axis=-1)[:, V - k][:, None]
        scores[scores < kth] = -np.inf
    s = np.sort(scores, axis=-1)
    e = np.exp(s - s[:, -1:])
    return np.cumsum(e / e.sum(-1, keepdims=True), axis=-1)


def _safe_top_p(logits, top_k, top_p):
    """Nudge top_p until no cumulative probability lies within MARGIN of 1 - top_p."""
    if top_p >= 1.0:
        return top_p
    cumulative = _cumulative_after_top_k(logits, top_k)
    while np.any(np.abs(cumulative - (1.0 - top_p)) < MARGIN):
        top_p = top_p * (1.0 - 1e-4)
    return float(top_p)


def _case(name, hidden, logits, top_k, top_p):
    logits = np.asarray(logits, dtype=np.float64)
    return {"name": name, "hidden": hidden,
            "args": {"logits": logits, "top_k": int(top_k), "top_p": _safe_top_p(logits, top_k, top_p)}}


def generate(seed: int) -> list[dict]:
    rng = np.random.default_rng(seed)
    cases = [
        _case("sample-1", False, [[1.0, 3.0, 0.0, 2.0, -1.0]], 3, 0.8),
        _case("sample-2-ties-at-kth", False, [[2.0, 1.0, 1.0, 0.5, 1.0, -3.0]], 2, 1.0),
    ]
    hidden = [
        _case("random-batch", True, rng.normal(scale=2.0, size=(6, 50)), 10, 0.9),
        _case("top-k-disabled", True, rng.normal(scale=2.0, size=(4, 40)), 0, 0.7),
        _case("top-p-disabled", True, rng.normal(scale=2.0, size=(4, 40)), 7, 1.0),
        _case("top-k-at-least-vocab", True, rng.normal(scale=1.5, size=(3, 12)), 50, 0.6),
        _case("top-k-one", True, rng.normal(size=(3, 20)), 1, 0.5),
        _case("tiny-top-p-keeps-one", True, rng.normal(size=(4, 30)), 0, 1e-3),
        # top-k removes much of the mass, so the nucleus must be computed on the renormalised survivors.
        _case("nucleus-after-renormalising", True, rng.normal(scale=0.3, size=(5, 40)), 8, 0.5),
        _case("both-disabled", True, rng.normal(size=(2, 9)), 0, 1.0),
        # Logits around +-1000: exp without the max shift overflows.
        _case("large-logits", True, 1000.0 + rng.normal(scale=3.0, size=(3, 25)), 12, 0.8),
        _case("large-negative-logits", True, -1000.0 + rng.normal(scale=3.0, size=(3, 25)), 0, 0.75),
        # Already-masked tokens (another processor set them to -inf).
        _case("pre-masked-entries", True,
              np.where(rng.random((3, 16)) < 0.3, -np.inf, rng.normal(scale=2.0, size=(3, 16))), 6, 0.85),
    ]
    # Ties: equal logits at the k-th value and inside the nucleus (ascending stable order decides top-p ties).
    ties = np.round(rng.normal(scale=1.0, size=(6, 24)) * 2) / 2
    hidden.append(_case("many-ties", True, ties, 5, 0.7))
    hidden.append(_case("ties-at-the-top", True, [[2.0, 2.0, 0.0, 2.0, -1.0], [0.0, 0.0, 0.0, 0.0, 0.0]], 0, 0.1))
    hidden.append(_case("single-token-vocab", True, [[0.3], [-5.0]], 1, 0.5))
    return cases + hidden

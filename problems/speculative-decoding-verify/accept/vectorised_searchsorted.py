import numpy as np


def _sample(w, r):
    cdf = np.cumsum(w / w.sum())
    j = int(np.searchsorted(cdf, r, side="right"))   # first index with cdf[j] > r
    if j < len(w):
        return j
    return int(np.nonzero(w)[0].max())                # rounding left cdf[-1] <= r


def speculative_verify(draft_tokens, q, p, u, r):
    # All acceptance tests at once; the first False (if any) is where the output stops.
    K = len(draft_tokens)
    rows = np.arange(K)
    accepted = u < np.minimum(1.0, p[rows, draft_tokens] / q[rows, draft_tokens])
    n = K if accepted.all() else int(np.argmin(accepted))
    tokens = [int(t) for t in draft_tokens[:n]]
    if n == K:
        return tokens + [_sample(p[K], r)]
    return tokens + [_sample(np.clip(p[n] - q[n], 0.0, None), r)]

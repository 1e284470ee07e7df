import numpy as np

JUST_BELOW_ONE = float(np.nextafter(1.0, 0.0))


def _dist(rng, V, zeros=0):
    """A probability vector with `zeros` exact zeros at random positions (never all)."""
    w = rng.dirichlet(np.full(V, 0.7))
    if zeros:
        w[rng.choice(V, size=zeros, replace=False)] = 0.0
        w /= w.sum()
    return w


def _case(rng, name, hidden, K, V, reject_at=None, r=None, q_equals_p=False):
    """Draft tokens drawn from q; u chosen so that the first rejection happens at `reject_at` (None: none)."""
    q = np.stack([_dist(rng, V) for _ in range(K)])
    p = q.copy() if q_equals_p else np.stack([_dist(rng, V, zeros=1) for _ in range(K + 1)])
    if q_equals_p:
        p = np.concatenate([p, _dist(rng, V)[None]])
    draft = np.array([rng.choice(V, p=q[i]) for i in range(K)], dtype=np.int64)
    u = rng.random(K)
    for i in range(K if reject_at is None else reject_at):
        if p[i, draft[i]] == 0.0:                    # ratio 0 would force a rejection here
            draft[i] = rng.choice(np.flatnonzero(p[i] > 0))
        ratio = min(1.0, p[i, draft[i]] / q[i, draft[i]])
        u[i] = rng.uniform(0.0, ratio)               # accepted
    if reject_at is not None:
        i = reject_at
        # the draft token must be one the target likes less than the draft does
        candidates = np.flatnonzero(p[i] < q[i])
        draft[i] = candidates[rng.integers(candidates.size)]
        u[i] = rng.uniform(p[i, draft[i]] / q[i, draft[i]], 1.0)
    return {
        "name": name,
        "hidden": hidden,
        "args": {"draft_tokens": draft, "q": q, "p": p, "u": u, "r": float(rng.random() if r is None else r)},
    }


def _rounding_fallback_case(rng, name, K, V, reject_at):
    """r just below 1 where the normalised cumsum of the sampled weights ends below 1 (the fallback)."""
    while True:
        case = _case(rng, name, True, K, V, reject_at=reject_at, r=JUST_BELOW_ONE)
        a = case["args"]
        if reject_at is None:
            w = a["p"][K].copy()
            w[-1] = 0.0                              # a zero at the end: the fallback is not simply V - 1
            a["p"][K] = w / w.sum()
            w = a["p"][K]
        else:
            w = np.maximum(a["p"][reject_at] - a["q"][reject_at], 0.0)
        if np.cumsum(w / w.sum())[-1] <= JUST_BELOW_ONE and w[-1] == 0.0:
            return case


def generate(seed: int) -> list[dict]:
    rng = np.random.default_rng(seed)
    cases = [
        _case(rng, "sample-all-accepted", False, 3, 5),
        _case(rng, "sample-rejected-at-1", False, 3, 5, reject_at=1),
        _case(rng, "reject-first", True, 4, 8, reject_at=0),
        _case(rng, "reject-last", True, 4, 8, reject_at=3),
        _case(rng, "reject-middle-long", True, 6, 50, reject_at=3),
        _case(rng, "all-accepted-long", True, 6, 50),
        _case(rng, "k1-accepted", True, 1, 6),
        _case(rng, "k1-rejected", True, 1, 6, reject_at=0),
        # q == p: the ratio is 1 and u < 1, so every draft token is accepted.
        _case(rng, "q-equals-p", True, 5, 7, q_equals_p=True),
        _case(rng, "r-zero-after-rejection", True, 3, 9, reject_at=1, r=0.0),
        _case(rng, "r-zero-all-accepted", True, 3, 9, r=0.0),
        _case(rng, "r-just-below-one-reject", True, 3, 9, reject_at=2, r=JUST_BELOW_ONE),
        _rounding_fallback_case(rng, "rounding-fallback-bonus", 3, 12, reject_at=None),
        _rounding_fallback_case(rng, "rounding-fallback-residual", 3, 12, reject_at=1),
    ]
    # Target probability exactly 0 at a draft token: the ratio is 0, so it is always rejected.
    case = _case(rng, "target-prob-zero", True, 3, 6, reject_at=1)
    a = case["args"]
    a["p"][1, a["draft_tokens"][1]] = 0.0
    a["p"][1] /= a["p"][1].sum()
    a["u"][1] = 0.0
    cases.append(case)
    for i in range(4):
        cases.append(_case(rng, f"random-{i}", True, 5, 20, reject_at=[None, 0, 2, 4][i]))
    return cases

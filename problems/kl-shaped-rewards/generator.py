import numpy as np


def _logps(rng, N, T):
    """Log-probabilities of sampled tokens: negative, policy and reference close but not equal."""
    ref = -rng.exponential(2.0, size=(N, T))
    policy = ref + rng.normal(scale=0.5, size=(N, T))
    return np.minimum(policy, -1e-3), ref


def _case(name, hidden, rng, mask, beta=None, score_scale=1.0):
    mask = np.asarray(mask, dtype=bool)
    N, T = mask.shape
    policy, ref = _logps(rng, N, T)
    args = {"logp_policy": policy, "logp_ref": ref, "rm_scores": rng.normal(scale=score_scale, size=N), "mask": mask}
    if beta is not None:
        args["beta"] = beta
    return {"name": name, "hidden": hidden, "args": args}


def _prompt_then_completion(rng, N, T, right_pad=True):
    """Each row: prompt (False), completion (True), then right padding (False)."""
    mask = np.zeros((N, T), dtype=bool)
    for n in range(N):
        start = int(rng.integers(1, T // 2))
        end = int(rng.integers(start + 1, T + 1)) if right_pad else T
        mask[n, start:end] = True
    return mask


def generate(seed: int) -> list[dict]:
    rng = np.random.default_rng(seed)
    sample_1 = {
        "name": "sample-1",
        "hidden": False,
        "args": {
            "logp_policy": np.array([[-1.0, -0.5, -2.0, -0.1], [-0.3, -1.2, -0.7, -4.0]]),
            "logp_ref": np.array([[-1.0, -0.7, -1.5, -0.3], [-0.9, -1.0, -0.6, -2.0]]),
            "rm_scores": np.array([1.5, -0.5]),
            "mask": np.array([[False, True, True, False], [False, False, True, True]]),
            "beta": 0.1,
        },
    }
    cases = [sample_1, _case("sample-2-default-beta", False, rng, _prompt_then_completion(rng, 3, 6))]
    hidden = [
        _case("right-padded-batch", True, rng, _prompt_then_completion(rng, 8, 20), beta=0.05),
        _case("no-padding", True, rng, _prompt_then_completion(rng, 5, 12, right_pad=False), beta=0.2),
        _case("completion-only-full-mask", True, rng, np.ones((4, 7), dtype=bool), beta=0.1),
        _case("single-completion-token", True, rng, np.eye(5, 9, k=3, dtype=bool), beta=0.1),
        _case("single-row-single-column", True, rng, np.ones((1, 1), dtype=bool), beta=0.3),
        _case("large-beta", True, rng, _prompt_then_completion(rng, 6, 15), beta=2.0),
        _case("large-scores", True, rng, _prompt_then_completion(rng, 4, 10), beta=0.02, score_scale=50.0),
    ]
    # Left padding + prompt + completion ending at different columns.
    left = np.zeros((4, 12), dtype=bool)
    for n, (a, b) in enumerate([(3, 12), (6, 10), (1, 5), (9, 11)]):
        left[n, a:b] = True
    hidden.append(_case("left-and-right-padding", True, rng, left, beta=0.1))
    # Multi-turn rollouts: tool outputs inside the completion are masked out, so the mask has holes.
    holes = np.zeros((3, 14), dtype=bool)
    holes[0, [2, 3, 4, 8, 9, 12]] = True
    holes[1, [1, 2, 6, 7, 8]] = True
    holes[2, [5, 13]] = True
    hidden.append(_case("mask-with-holes", True, rng, holes, beta=0.1))
    # Off-mask positions hold very different (finite) log-probs: they must not leak into the result.
    case = _case("off-mask-values-ignored", True, rng, _prompt_then_completion(rng, 5, 16), beta=0.1)
    off = ~case["args"]["mask"]
    case["args"]["logp_policy"] = np.where(off, -30.0, case["args"]["logp_policy"])
    hidden.append(case)
    return cases + hidden

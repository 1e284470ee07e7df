import torch


def _t(values, dtype=torch.float64):
    return torch.tensor(values, dtype=dtype)


def _mask(lengths, starts, T):
    """Row i is True on positions starts[i] .. starts[i] + lengths[i] - 1 (prompt before, padding after)."""
    mask = torch.zeros(len(lengths), T, dtype=torch.bool)
    for i, (n, s) in enumerate(zip(lengths, starts)):
        mask[i, s:s + n] = True
    return mask


def _advantages(gen, n):
    """Group-normalised rewards: 0/1 rewards, minus the group mean, over the group std (as in GRPO)."""
    if n == 1:
        return torch.tensor([1.25], dtype=torch.float64)
    rewards = torch.randint(0, 2, (n,), generator=gen).to(torch.float64)
    if rewards.std() == 0:
        rewards[0] = 1.0 - rewards[0]
    return (rewards - rewards.mean()) / rewards.std()


def _logps(gen, mask, drift, ref_drift, far_masked=False):
    """Per-token log-probs: old ~ log of plausible token probabilities, current = old + drift noise, ref likewise.

    With far_masked, every masked position instead holds independent log-probs in [-300, 0]: finite, but
    exp of their differences reaches ~1e130, so any leak through the mask shows.
    """
    shape = mask.shape
    old = torch.log(torch.rand(shape, generator=gen, dtype=torch.float64) * 0.95 + 0.05)
    cur = torch.clamp(old + drift * torch.randn(shape, generator=gen, dtype=torch.float64), max=0.0)
    ref = torch.clamp(cur + ref_drift * torch.randn(shape, generator=gen, dtype=torch.float64), max=0.0)
    if far_masked:
        far = [-300.0 * torch.rand(shape, generator=gen, dtype=torch.float64) for _ in range(3)]
        cur, old, ref = (torch.where(mask, x, f) for x, f in zip((cur, old, ref), far))
    return cur, old, ref


def _case(name, logps, old, ref, adv, mask, clip_eps=None, beta=None, hidden=True):
    args = {"logps": logps, "old_logps": old, "ref_logps": ref, "advantages": adv, "mask": mask}
    if clip_eps is not None:
        args["clip_eps"] = float(clip_eps)
    if beta is not None:
        args["beta"] = float(beta)
    return {"name": name, "hidden": hidden, "args": args}


def _random_case(gen, name, lengths, starts, T, drift=0.3, ref_drift=0.3, far_masked=False, on_policy=False,
                 **kwargs):
    mask = _mask(lengths, starts, T)
    cur, old, ref = _logps(gen, mask, drift, ref_drift, far_masked)
    if on_policy:
        old = cur.clone()
    return _case(name, cur, old, ref, _advantages(gen, len(lengths)), mask, **kwargs)


def generate(seed: int) -> list[dict]:
    gen = torch.Generator().manual_seed(seed)
    cases = [
        _case("sample-1",
              _t([[-0.5, -1.0, -0.2, -3.0], [-2.0, -0.1, -0.7, -0.3]]),
              _t([[-0.7, -0.6, -0.2, -3.0], [-1.5, -0.4, -0.7, -0.3]]),
              _t([[-0.6, -1.2, -0.3, -3.0], [-2.2, -0.2, -0.5, -0.3]]),
              _t([1.0, -1.0]),
              _t([[True, True, True, False], [True, True, False, False]], torch.bool),
              clip_eps=0.2, beta=0.04, hidden=False),
    ]
    sample2 = _random_case(gen, "sample-2", [3, 5, 2], [1, 0, 2], 6, clip_eps=0.2, beta=0.1, hidden=False)
    for key in ("logps", "old_logps", "ref_logps"):   # round to 2 decimals so the sample is readable
        sample2["args"][key] = torch.round(sample2["args"][key] * 100) / 100
    cases.append(sample2)
    cases.append(_random_case(gen, "off-policy-clipping", [7, 3, 10, 1, 5, 8], [0, 2, 0, 4, 1, 0], 10,
                              drift=0.5, clip_eps=0.2, beta=0.04))
    cases.append(_random_case(gen, "default-clip-and-beta", [4, 9, 2, 6], [0, 0, 3, 1], 9, drift=0.4))
    cases.append(_random_case(gen, "on-policy-ratio-1", [5, 2, 8, 3], [0, 1, 0, 2], 8, on_policy=True,
                              clip_eps=0.2, beta=0.04))
    cases.append(_random_case(gen, "masked-positions-far-but-finite", [3, 6, 1, 4], [2, 0, 5, 1], 8,
                              far_masked=True, clip_eps=0.2, beta=0.04))
    cases.append(_random_case(gen, "lengths-1-and-12", [1, 12, 2, 11], [0, 0, 5, 1], 12, drift=0.4,
                              clip_eps=0.1, beta=0.04))
    cases.append(_random_case(gen, "beta-0-no-kl", [4, 7, 2], [0, 0, 1], 7, drift=0.5, clip_eps=0.2, beta=0.0))
    cases.append(_random_case(gen, "large-beta", [5, 3, 6, 2], [0, 3, 0, 1], 6, drift=0.2, ref_drift=0.8,
                              clip_eps=0.3, beta=0.5))
    cases.append(_random_case(gen, "no-padding", [6, 6, 6], [0, 0, 0], 6, drift=0.4, clip_eps=0.2, beta=0.04))
    mask = _mask([4, 2, 7, 5], [0, 3, 0, 1], 7)
    cur, old, ref = _logps(gen, mask, 0.4, 0.3, far_masked=True)
    cases.append(_case("zero-advantage-group", cur, old, ref, torch.zeros(4, dtype=torch.float64), mask,
                       clip_eps=0.2, beta=0.04))
    cases.append(_random_case(gen, "single-row", [5], [2], 9, drift=0.5, far_masked=True, clip_eps=0.2, beta=0.04))
    return cases

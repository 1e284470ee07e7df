import torch


def _t(values):
    return torch.tensor(values, dtype=torch.float64)


def _case(name, tensors, hidden=True, **coefs):
    keys = ("logps", "old_logps", "advantages", "values", "old_values", "returns", "entropy")
    args = dict(zip(keys, tensors))
    args.update({k: float(v) for k, v in coefs.items()})
    return {"name": name, "hidden": hidden, "args": args}


def _random(gen, n, drift=0.3, value_drift=0.3, return_spread=1.0, adv_sign=0, on_policy=False):
    """Plausible rollout statistics: old log-probs of sampled tokens, a drifted current policy and value head."""
    def randn(scale=1.0):
        return scale * torch.randn(n, generator=gen, dtype=torch.float64)

    old = torch.log(torch.rand(n, generator=gen, dtype=torch.float64) * 0.9 + 0.05)
    cur = old.clone() if on_policy else torch.clamp(old + randn(drift), max=0.0)
    adv = randn()
    if adv_sign:
        adv = adv_sign * adv.abs()
    old_values = randn()
    values = old_values.clone() if on_policy else old_values + randn(value_drift)
    returns = old_values + randn(return_spread)
    entropy = torch.rand(n, generator=gen, dtype=torch.float64) * 3.0
    return cur, old, adv, values, old_values, returns, entropy


def generate(seed: int) -> list[dict]:
    gen = torch.Generator().manual_seed(seed)
    cases = [
        _case("sample-1", (_t([-0.5, -1.2, -0.3]), _t([-0.8, -1.0, -0.3]), _t([1.0, -2.0, 0.5]),
                           _t([0.9, -0.2, 1.5]), _t([0.5, 0.0, 1.0]), _t([1.2, -1.0, 1.1]), _t([1.5, 2.0, 0.8])),
              hidden=False, clip_eps=0.2, value_clip=0.2, vf_coef=0.5, ent_coef=0.01),
    ]
    sample2 = _random(gen, 5)
    sample2 = tuple(torch.round(x * 100) / 100 for x in sample2)
    cases.append(_case("sample-2", sample2, hidden=False, clip_eps=0.2, value_clip=0.5, vf_coef=1.0, ent_coef=0.05))
    cases.append(_case("default-coefficients", _random(gen, 16, drift=0.4)))
    cases.append(_case("on-policy-first-epoch", _random(gen, 12, on_policy=True), clip_eps=0.2, value_clip=0.2,
                       vf_coef=0.5, ent_coef=0.01))
    cases.append(_case("off-policy-heavy-clipping", _random(gen, 20, drift=0.8, value_drift=1.0), clip_eps=0.1,
                       value_clip=0.1, vf_coef=0.5, ent_coef=0.01))
    cases.append(_case("positive-advantages-only", _random(gen, 10, drift=0.5, adv_sign=1), clip_eps=0.2,
                       value_clip=0.2, vf_coef=0.5, ent_coef=0.0))
    cases.append(_case("negative-advantages-only", _random(gen, 10, drift=0.5, adv_sign=-1), clip_eps=0.2,
                       value_clip=0.2, vf_coef=0.5, ent_coef=0.0))
    # The value head moved far from old_values but towards the returns: clipping pulls it back and the max
    # picks the clipped (larger) error.
    cur, old, adv, values, old_values, returns, entropy = _random(gen, 8, drift=0.2)
    returns = old_values + 3.0 * torch.sign(torch.randn(8, generator=gen, dtype=torch.float64))
    values = old_values + 0.9 * (returns - old_values)
    cases.append(_case("value-moved-towards-returns", (cur, old, adv, values, old_values, returns, entropy),
                       clip_eps=0.2, value_clip=0.2, vf_coef=0.5, ent_coef=0.01))
    cases.append(_case("large-value-errors", _random(gen, 9, value_drift=2.0, return_spread=10.0), clip_eps=0.2,
                       value_clip=10.0, vf_coef=0.25, ent_coef=0.01))
    cases.append(_case("entropy-dominant", _random(gen, 7, drift=0.1), clip_eps=0.3, value_clip=0.2, vf_coef=0.1,
                       ent_coef=1.0))
    cases.append(_case("single-sample", _random(gen, 1, drift=0.6, value_drift=0.8), clip_eps=0.2, value_clip=0.2,
                       vf_coef=0.5, ent_coef=0.01))
    return cases

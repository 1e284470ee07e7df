import torch


def _t(values):
    return torch.tensor(values, dtype=torch.float64)


def _uniform(gen, n, low, high):
    return low + (high - low) * torch.rand(n, generator=gen, dtype=torch.float64)


def _with_margins(gen, margins):
    """Log-probabilities (all <= 0) whose DPO margin (pc - rc) - (pr - rr) is `margins`."""
    margins = _t(margins)
    n = len(margins)
    pr, rr = -_uniform(gen, n, 20.0, 300.0), -_uniform(gen, n, 20.0, 300.0)
    d = (pr - rr) + margins                      # the needed pc - rc
    anchor = -_uniform(gen, n, 5.0, 50.0)
    pc = torch.where(d >= 0, anchor, anchor + d)
    rc = pc - d
    return pc, pr, rc, rr


def _random(gen, n, spread):
    """Realistic batch: summed log-probs of a few hundred tokens; the policy drifts from the reference by ~spread."""
    rc, rr = -_uniform(gen, n, 30.0, 400.0), -_uniform(gen, n, 30.0, 400.0)
    pc = torch.minimum(rc + spread * torch.randn(n, generator=gen, dtype=torch.float64), torch.zeros(n))
    pr = torch.minimum(rr + spread * torch.randn(n, generator=gen, dtype=torch.float64), torch.zeros(n))
    return pc, pr, rc, rr


def _case(name, pc, pr, rc, rr, beta=None, hidden=True):
    args = {"policy_chosen_logps": pc, "policy_rejected_logps": pr, "ref_chosen_logps": rc, "ref_rejected_logps": rr}
    if beta is not None:
        args["beta"] = float(beta)
    return {"name": name, "hidden": hidden, "args": args}


def generate(seed: int) -> list[dict]:
    gen = torch.Generator().manual_seed(seed)
    cases = [
        _case("sample-1", _t([-10.0, -20.0]), _t([-12.0, -18.0]), _t([-11.0, -19.0]), _t([-11.0, -19.0]),
              beta=0.1, hidden=False),
        _case("sample-2", _t([-35.5, -60.0, -12.25]), _t([-40.0, -58.5, -30.0]),
              _t([-38.0, -61.0, -12.0]), _t([-39.0, -57.0, -25.0]), beta=0.5, hidden=False),
    ]
    cases.append(_case("random-b8", *_random(gen, 8, 5.0), beta=0.1))
    cases.append(_case("random-b16-beta-0.25", *_random(gen, 16, 10.0), beta=0.25))
    cases.append(_case("default-beta", *_random(gen, 6, 8.0)))
    # beta * margin = -1e3: sigmoid underflows to 0 and exp(-x) overflows; the true loss is 1e3.
    cases.append(_case("margin-minus-1e4-beta-0.1", *_with_margins(gen, [-1e4, -1e4, -1e4]), beta=0.1))
    # beta * margin = +1e3: the true loss is exp(-1e3), which is 0 in float64.
    cases.append(_case("margin-plus-1e4-beta-0.1", *_with_margins(gen, [1e4, 1e4, 1e4, 1e4]), beta=0.1))
    cases.append(_case("mixed-huge-margins", *_with_margins(gen, [1e4, -1e4, 3.0, -7.5, 2500.0, -2500.0]), beta=0.1))
    cases.append(_case("beta-1-margins-1e3", *_with_margins(gen, [-1e3, 1e3, -800.0, 40.0, -37.0]), beta=1.0))
    pc, pr, _, _ = _random(gen, 5, 0.0)
    cases.append(_case("policy-equals-reference", pc, pr, pc.clone(), pr.clone(), beta=0.1))
    cases.append(_case("batch-1", *_random(gen, 1, 6.0), beta=0.3))
    cases.append(_case("small-beta-large-margins", *_with_margins(gen, [900.0, -1200.0, 300.0, -50.0]), beta=0.01))
    return cases

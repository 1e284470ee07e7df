import torch


def _t(values):
    return torch.tensor(values, dtype=torch.float64)


def _rewards(gen, n, scale):
    return scale * torch.randn(n, generator=gen, dtype=torch.float64)


def _case(name, chosen, rejected, hidden=True):
    return {"name": name, "hidden": hidden, "args": {"chosen_rewards": chosen, "rejected_rewards": rejected}}


def _with_margins(gen, margins):
    """Rewards with an arbitrary common offset whose differences are `margins`."""
    margins = _t(margins)
    rejected = _rewards(gen, len(margins), 3.0) + 5.0
    return rejected + margins, rejected


def generate(seed: int) -> list[dict]:
    gen = torch.Generator().manual_seed(seed)
    cases = [
        _case("sample-1", _t([1.5, 0.2, -0.3]), _t([0.5, 0.7, -2.3]), hidden=False),
        _case("sample-2", _t([2.0, -1.0]), _t([2.0, 3.0]), hidden=False),
    ]
    cases.append(_case("random-b8", _rewards(gen, 8, 1.0), _rewards(gen, 8, 1.0)))
    cases.append(_case("random-b32-scale-4", _rewards(gen, 32, 4.0), _rewards(gen, 32, 4.0)))
    cases.append(_case("margin-minus-1e3", *_with_margins(gen, [-1e3, -1e3, -1e3])))
    cases.append(_case("margin-plus-1e3", *_with_margins(gen, [1e3, 1e3])))
    cases.append(_case("mixed-huge-margins", *_with_margins(gen, [1e3, -1e3, 0.5, -2.0, 40.0, -40.0, 750.0])))
    cases.append(_case("margins-around-30", *_with_margins(gen, [-30.0, -25.0, -36.5, 28.0])))
    equal = _rewards(gen, 4, 2.0)
    cases.append(_case("equal-rewards", equal, equal.clone()))
    cases.append(_case("batch-1", _rewards(gen, 1, 2.0), _rewards(gen, 1, 2.0)))
    cases.append(_case("large-offset-small-margin", *(x + 1e3 for x in _with_margins(gen, [0.3, -0.1, 1.2]))))
    return cases

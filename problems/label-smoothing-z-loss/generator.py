import torch


def _case(name, logits, targets, epsilon, z_loss_coef, hidden=True):
    return {"name": name, "hidden": hidden, "args": {
        "logits": logits, "targets": targets, "epsilon": float(epsilon), "z_loss_coef": float(z_loss_coef)}}


def generate(seed: int) -> list[dict]:
    gen = torch.Generator().manual_seed(seed)

    def logits(n, c, scale=2.0, shift=0.0):
        return shift + scale * torch.randn(n, c, generator=gen, dtype=torch.float64)

    def labels(n, c):
        return torch.randint(0, c, (n,), generator=gen, dtype=torch.int64)

    cases = [
        _case("sample-1", torch.tensor([[2.0, 1.0, 0.0], [0.0, 0.0, 3.0]], dtype=torch.float64),
              torch.tensor([0, 1]), 0.1, 1e-4, hidden=False),
        _case("sample-2", torch.tensor([[1.0, -1.0, 0.5, 2.0], [0.0, 0.0, 0.0, 0.0]], dtype=torch.float64),
              torch.tensor([3, 2]), 0.2, 1e-2, hidden=False),
    ]
    cases.append(_case("no-smoothing-no-zloss", logits(5, 6), labels(5, 6), 0.0, 0.0))
    cases.append(_case("smoothing-only", logits(6, 8), labels(6, 8), 0.1, 0.0))
    cases.append(_case("zloss-only", logits(6, 8, shift=3.0), labels(6, 8), 0.0, 1e-3))
    cases.append(_case("two-classes", logits(7, 2), labels(7, 2), 0.3, 1e-4))
    cases.append(_case("full-smoothing", logits(4, 5), labels(4, 5), 1.0, 1e-4))
    cases.append(_case("many-classes", logits(8, 200, scale=4.0), labels(8, 200), 0.1, 1e-4))
    cases.append(_case("batch-1", logits(1, 10), labels(1, 10), 0.05, 1e-4))
    # Logits of size 1e3: exp() overflows in float64 (exp(710) = inf) and softmax-then-log hits log(0).
    cases.append(_case("logits-plus-1e3", logits(4, 6, scale=5.0, shift=1000.0), labels(4, 6), 0.1, 1e-4))
    cases.append(_case("logits-minus-1e3", logits(4, 6, scale=5.0, shift=-1000.0), labels(4, 6), 0.1, 1e-4))
    cases.append(_case("logits-spread-1e3", logits(5, 7, scale=600.0), labels(5, 7), 0.1, 1e-4))
    # Rows with very different log-partition values: mean(lse^2) and mean(lse)^2 differ a lot.
    rows = logits(4, 6) + torch.tensor([[-40.0], [0.0], [25.0], [80.0]], dtype=torch.float64)
    cases.append(_case("rows-with-different-lse", rows, labels(4, 6), 0.1, 1e-3))
    return cases

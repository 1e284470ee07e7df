import torch


def _randn(gen, *shape, scale=1.0):
    return scale * torch.randn(*shape, generator=gen, dtype=torch.float64)


def _case(name, q, p, n, temperature, hidden=True):
    return {"name": name, "hidden": hidden, "args": {"q": q, "p": p, "n": n, "temperature": float(temperature)}}


def _related(gen, q, noise):
    """Positives (or hard negatives) that point roughly where the queries do."""
    return q + noise * torch.randn(q.shape, generator=gen, dtype=torch.float64)


def generate(seed: int) -> list[dict]:
    gen = torch.Generator().manual_seed(seed)
    t = lambda rows: torch.tensor(rows, dtype=torch.float64)  # noqa: E731
    cases = [
        _case("sample-1", t([[1.0, 0.0], [0.0, 1.0]]), t([[1.0, 1.0], [0.0, 2.0]]), None, 0.5, hidden=False),
        _case("sample-2", t([[1.0, 0.0], [0.0, 1.0]]), t([[1.0, 1.0], [0.0, 2.0]]),
              t([[[1.0, 0.0]], [[-1.0, 1.0]]]), 0.5, hidden=False),
    ]
    q = _randn(gen, 6, 8)
    cases.append(_case("in-batch-only", q, _related(gen, q, 0.8), None, 0.05))
    q = _randn(gen, 5, 8)
    cases.append(_case("hard-negatives-m3", q, _related(gen, q, 0.7),
                       _related(gen, q.unsqueeze(1).expand(5, 3, 8), 0.9), 0.05))
    q = _randn(gen, 4, 16)
    cases.append(_case("unnormalised-scales", 10.0 * q, 0.01 * _related(gen, q, 0.5),
                       _randn(gen, 4, 2, 16, scale=50.0), 0.1))
    q = _randn(gen, 1, 6)
    cases.append(_case("batch-1-no-negatives", q, _related(gen, q, 0.5), None, 0.05))   # one candidate: loss 0
    q = _randn(gen, 1, 6)
    cases.append(_case("batch-1-hard-negatives", q, _related(gen, q, 0.5), _randn(gen, 1, 4, 6), 0.05))
    q = _randn(gen, 3, 5)
    cases.append(_case("zero-hard-negatives", q, _related(gen, q, 0.5), torch.zeros(3, 0, 5, dtype=torch.float64),
                       0.07))
    q = _randn(gen, 4, 8)
    hard = _related(gen, q.unsqueeze(1).expand(4, 2, 8), 0.06)              # cosines near 1 on both sides
    cases.append(_case("tiny-temperature", q, _related(gen, q, 0.05), hard, 1e-3))
    q = _randn(gen, 3, 4)
    cases.append(_case("temperature-1", q, _randn(gen, 3, 4), _randn(gen, 3, 5, 4), 1.0))
    q = _randn(gen, 8, 32)
    cases.append(_case("batch-8-d32", q, _related(gen, q, 1.0), _related(gen, q.unsqueeze(1).expand(8, 4, 32), 1.2),
                       0.02))
    return cases

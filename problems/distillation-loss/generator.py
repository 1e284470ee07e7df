import torch


def _logits(gen, batch, classes, scale):
    return scale * torch.randn(batch, classes, generator=gen, dtype=torch.float64)


def _labels(gen, batch, classes):
    return torch.randint(0, classes, (batch,), generator=gen, dtype=torch.int64)


def _case(name, student, teacher, labels, T, alpha, hidden=True):
    return {"name": name, "hidden": hidden, "args": {
        "student_logits": student, "teacher_logits": teacher, "labels": labels, "T": float(T), "alpha": float(alpha)}}


def generate(seed: int) -> list[dict]:
    gen = torch.Generator().manual_seed(seed)
    cases = [
        _case("sample-1",
              torch.tensor([[2.0, 1.0, 0.0], [0.5, 0.5, 3.0]], dtype=torch.float64),
              torch.tensor([[3.0, 1.0, -1.0], [0.0, 1.0, 2.0]], dtype=torch.float64),
              torch.tensor([0, 2]), T=2.0, alpha=0.5, hidden=False),
        _case("sample-2",
              torch.tensor([[1.0, -1.0, 0.0, 2.0], [0.0, 0.0, 0.0, 0.0], [-2.0, 1.0, 1.0, 0.5]], dtype=torch.float64),
              torch.tensor([[2.0, -2.0, 0.0, 1.0], [1.0, 0.0, -1.0, 0.0], [-1.0, 3.0, 0.0, 0.0]], dtype=torch.float64),
              torch.tensor([3, 1, 1]), T=1.0, alpha=0.3, hidden=False),
    ]
    # Logits of size ~1000 with T = 1: exp() overflows to inf, and softmax-then-log hits log(0).
    cases.append(_case("large-logits-T1", _logits(gen, 4, 5, 1000.0), _logits(gen, 4, 5, 1000.0),
                       _labels(gen, 4, 5), T=1.0, alpha=0.5))
    cases.append(_case("large-logits-T4", _logits(gen, 3, 6, 800.0), _logits(gen, 3, 6, 800.0),
                       _labels(gen, 3, 6), T=4.0, alpha=0.7))
    cases.append(_case("alpha-0-pure-ce", _logits(gen, 5, 4, 2.0), _logits(gen, 5, 4, 2.0),
                       _labels(gen, 5, 4), T=2.0, alpha=0.0))
    cases.append(_case("alpha-1-pure-kl", _logits(gen, 5, 4, 2.0), _logits(gen, 5, 4, 2.0),
                       _labels(gen, 5, 4), T=4.0, alpha=1.0))
    cases.append(_case("temperature-half", _logits(gen, 4, 7, 1.5), _logits(gen, 4, 7, 1.5),
                       _labels(gen, 4, 7), T=0.5, alpha=0.6))
    cases.append(_case("temperature-2", _logits(gen, 6, 10, 3.0), _logits(gen, 6, 10, 3.0),
                       _labels(gen, 6, 10), T=2.0, alpha=0.5))
    cases.append(_case("batch-1", _logits(gen, 1, 6, 2.0), _logits(gen, 1, 6, 2.0),
                       _labels(gen, 1, 6), T=2.0, alpha=0.9))
    cases.append(_case("two-classes", _logits(gen, 5, 2, 2.0), _logits(gen, 5, 2, 2.0),
                       _labels(gen, 5, 2), T=4.0, alpha=0.25))
    same = _logits(gen, 3, 5, 2.0)
    cases.append(_case("student-equals-teacher", same, same.clone(), _labels(gen, 3, 5), T=2.0, alpha=1.0))
    cases.append(_case("many-classes", _logits(gen, 8, 50, 4.0), _logits(gen, 8, 50, 4.0),
                       _labels(gen, 8, 50), T=3.0, alpha=0.5))
    return cases

import torch


def _case(name, q, k, v, hidden=True):
    return {"name": name, "hidden": hidden, "args": {"q": q, "k": k, "v": v}}


def _random(gen, b, h, hkv, t, dh, scale=1.0):
    q = scale * torch.randn(b, h, t, dh, generator=gen, dtype=torch.float64)
    k = scale * torch.randn(b, hkv, t, dh, generator=gen, dtype=torch.float64)
    v = torch.randn(b, hkv, t, dh, generator=gen, dtype=torch.float64)
    return q, k, v


def generate(seed: int) -> list[dict]:
    gen = torch.Generator().manual_seed(seed)
    f64 = torch.float64
    q1 = torch.tensor([[[[1.0, 0.0], [0.0, 1.0], [1.0, 1.0]], [[0.5, -0.5], [2.0, 0.0], [0.0, -1.0]]]], dtype=f64)
    k1 = torch.tensor([[[[1.0, 0.0], [0.0, 1.0], [-1.0, 1.0]]]], dtype=f64)
    v1 = torch.tensor([[[[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]]]], dtype=f64)
    cases = [
        _case("sample-1-mqa", q1, k1, v1, hidden=False),
        _case("sample-2-gqa", *_random(gen, 1, 4, 2, 4, 3), hidden=False),
    ]
    cases.append(_case("gqa-8-heads-2-kv-batch-2", *_random(gen, 2, 8, 2, 16, 16)))
    cases.append(_case("gqa-6-heads-3-kv", *_random(gen, 2, 6, 3, 9, 8)))
    cases.append(_case("gqa-group-4", *_random(gen, 1, 16, 4, 12, 8)))
    cases.append(_case("mqa-one-kv-head", *_random(gen, 2, 4, 1, 10, 8)))
    cases.append(_case("mha-equal-heads", *_random(gen, 1, 3, 3, 7, 4)))
    cases.append(_case("single-token", *_random(gen, 2, 4, 2, 1, 8)))
    cases.append(_case("head-dim-1", *_random(gen, 1, 4, 2, 6, 1)))
    # Scores of size ~1000: exp() overflows to inf unless the row max is subtracted first.
    cases.append(_case("large-scores", *_random(gen, 1, 4, 2, 8, 8, scale=30.0)))
    cases.append(_case("long-prompt", *_random(gen, 1, 8, 2, 64, 32)))
    return cases

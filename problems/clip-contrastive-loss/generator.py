import torch


def _randn(gen, *shape, scale=1.0):
    return scale * torch.randn(*shape, generator=gen, dtype=torch.float64)


def _case(name, image, text, temperature, hidden=True):
    return {"name": name, "hidden": hidden, "args": {
        "image_emb": image.to(torch.float64), "text_emb": text.to(torch.float64), "temperature": float(temperature)}}


def generate(seed: int) -> list[dict]:
    gen = torch.Generator().manual_seed(seed)
    cases = [
        _case("sample-1", torch.tensor([[1.0, 0.0], [0.0, 2.0]]), torch.tensor([[3.0, 1.0], [1.0, 1.0]]),
              0.5, hidden=False),
        _case("sample-2", torch.tensor([[1.0, 2.0, 0.0], [0.0, -1.0, 1.0], [2.0, 0.0, 1.0]]),
              torch.tensor([[1.0, 1.0, 0.0], [0.5, -1.0, 2.0], [1.0, 1.0, 1.0]]), 0.1, hidden=False),
    ]
    cases.append(_case("random-8x16-t0.07", _randn(gen, 8, 16), _randn(gen, 8, 16), 0.07))
    cases.append(_case("random-5x32-t1", _randn(gen, 5, 32), _randn(gen, 5, 32), 1.0))
    # More pairs than dimensions, and a CLIP-like logit scale of 100 (temperature 0.01, CLIP's clamp).
    cases.append(_case("batch-12-dim-4-t0.01", _randn(gen, 12, 4), _randn(gen, 12, 4), 0.01))
    # Matching pairs close together: the loss is small and the diagonal dominates.
    image = _randn(gen, 6, 8)
    cases.append(_case("aligned-pairs", image, image + _randn(gen, 6, 8, scale=0.05), 0.05))
    # Rows of very different lengths: without normalisation the logits are dominated by the norms.
    scales = torch.tensor([1e-3, 1.0, 30.0, 1e3, 0.2, 5.0], dtype=torch.float64)[:, None]
    cases.append(_case("rows-of-different-norms", _randn(gen, 6, 10) * scales, _randn(gen, 6, 10) * scales.flip(0),
                       0.2))
    cases.append(_case("batch-1", _randn(gen, 1, 5), _randn(gen, 1, 5), 0.07))
    cases.append(_case("dim-1", _randn(gen, 4, 1), _randn(gen, 4, 1), 0.5))
    # Two identical captions: the two images cannot be told apart by text, the loss is at least log 2 there.
    text = _randn(gen, 5, 6)
    text[3] = text[1]
    cases.append(_case("duplicate-text-rows", _randn(gen, 5, 6), text, 0.1))
    cases.append(_case("high-temperature", _randn(gen, 7, 12), _randn(gen, 7, 12), 3.0))
    return cases

import torch


def _case(name, x, W1, W3, W2, hidden=True):
    return {"name": name, "hidden": hidden, "args": {"x": x, "W1": W1, "W3": W3, "W2": W2}}


def _weights(gen, d, f, scale=None):
    scale_in = (1.0 / d) ** 0.5 if scale is None else scale
    W1 = scale_in * torch.randn(d, f, generator=gen, dtype=torch.float64)
    W3 = scale_in * torch.randn(d, f, generator=gen, dtype=torch.float64)
    W2 = (1.0 / f) ** 0.5 * torch.randn(f, d, generator=gen, dtype=torch.float64)
    return W1, W3, W2


def _randn(gen, *shape, scale=1.0):
    return scale * torch.randn(*shape, generator=gen, dtype=torch.float64)


def generate(seed: int) -> list[dict]:
    gen = torch.Generator().manual_seed(seed)
    t = lambda rows: torch.tensor(rows, dtype=torch.float64)  # noqa: E731
    cases = [
        _case("sample-1",
              t([[1.0, -1.0], [0.5, 2.0]]),
              t([[1.0, 0.0, 2.0], [0.0, 1.0, -1.0]]),
              t([[1.0, 1.0, 0.0], [-1.0, 0.0, 1.0]]),
              t([[1.0, 0.0], [0.0, 1.0], [1.0, -1.0]]), hidden=False),
        _case("sample-2", _randn(gen, 3, 4), *_weights(gen, 4, 6), hidden=False),
    ]
    # LLaMA's hidden size is about 8/3 of the model width: F != D catches transposed weights.
    cases.append(_case("llama-ratio-8-by-24", _randn(gen, 5, 8), *_weights(gen, 8, 24)))
    cases.append(_case("batched-3d", _randn(gen, 2, 5, 6), *_weights(gen, 6, 16)))
    cases.append(_case("single-vector-1d", _randn(gen, 7), *_weights(gen, 7, 10)))
    cases.append(_case("single-row", _randn(gen, 1, 12), *_weights(gen, 12, 32)))
    cases.append(_case("hidden-width-1", _randn(gen, 4, 5), *_weights(gen, 5, 1)))
    cases.append(_case("model-width-1", _randn(gen, 6, 1), *_weights(gen, 1, 4)))
    # Pre-activations of size ~1e3: silu saturates to z (positive) and 0 (negative); exp(-z) overflows.
    cases.append(_case("saturated-preactivations", _randn(gen, 4, 6, scale=300.0), *_weights(gen, 6, 8, scale=1.0)))
    cases.append(_case("zero-input", torch.zeros(3, 4, dtype=torch.float64), *_weights(gen, 4, 8)))
    cases.append(_case("wide", _randn(gen, 16, 32), *_weights(gen, 32, 96)))
    return cases

import torch


def _case(name, param, grad, buf, lr=0.02, beta=0.95, weight_decay=0.0, nesterov=True, hidden=True):
    return {"name": name, "hidden": hidden, "args": {
        "param": param, "grad": grad, "momentum_buffer": buf, "lr": float(lr), "beta": float(beta),
        "weight_decay": float(weight_decay), "nesterov": bool(nesterov)}}


def generate(seed: int) -> list[dict]:
    gen = torch.Generator().manual_seed(seed)

    def randn(*shape, scale=1.0):
        return scale * torch.randn(*shape, generator=gen, dtype=torch.float64)

    def rand_case(name, m, n, gscale=1.0, **kw):
        return _case(name, randn(m, n, scale=0.1), randn(m, n, scale=gscale), randn(m, n, scale=gscale), **kw)

    t = lambda rows: torch.tensor(rows, dtype=torch.float64)  # noqa: E731
    cases = [
        _case("sample-square", t([[1.0, 0.0], [0.0, 1.0]]), t([[1.0, 2.0], [3.0, 4.0]]), t([[0.0, 0.0], [0.0, 0.0]]),
              lr=0.1, beta=0.9, hidden=False),
        _case("sample-tall", t([[0.5, -0.5], [0.0, 1.0], [1.0, 0.0]]), t([[1.0, 0.0], [0.0, 2.0], [1.0, 1.0]]),
              t([[0.2, 0.1], [-0.1, 0.3], [0.0, 0.5]]), lr=0.05, beta=0.95, weight_decay=0.1, hidden=False),
    ]
    cases.append(rand_case("square-defaults", 6, 6))
    cases.append(rand_case("wide", 4, 10, lr=0.05))
    cases.append(rand_case("tall", 12, 5, lr=0.05, weight_decay=0.1))
    cases.append(rand_case("very-tall", 16, 2, lr=0.02))
    cases.append(rand_case("row-vector", 1, 7, lr=0.1))
    cases.append(rand_case("column-vector", 6, 1, lr=0.1))
    cases.append(rand_case("no-nesterov", 5, 8, lr=0.03, nesterov=False))
    cases.append(rand_case("no-nesterov-tall", 9, 4, lr=0.03, weight_decay=0.05, nesterov=False))
    cases.append(rand_case("large-gradients", 5, 7, gscale=1e4, lr=0.02, beta=0.9))
    cases.append(rand_case("llm-shape", 24, 32, lr=0.02, weight_decay=0.01))
    # A low-rank-ish gradient: small singular values are the ones Newton-Schulz blows up (towards ~0.7..1.2).
    u, v = randn(8, 2), randn(2, 6)
    cases.append(_case("nearly-rank-2", randn(8, 6, scale=0.1), u @ v + randn(8, 6, scale=1e-3),
                       torch.zeros(8, 6, dtype=torch.float64), lr=0.02))
    cases.append(_case("zero-gradient-and-buffer", randn(3, 4), torch.zeros(3, 4, dtype=torch.float64),
                       torch.zeros(3, 4, dtype=torch.float64), lr=0.1, weight_decay=0.5))
    cases.append(_case("first-step-zero-buffer", randn(5, 3, scale=0.1), randn(5, 3),
                       torch.zeros(5, 3, dtype=torch.float64), lr=0.02, beta=0.95))
    return cases

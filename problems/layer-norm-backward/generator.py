import numpy as np


def generate(seed: int) -> list[dict]:
    rng = np.random.default_rng(seed)

    def case(name, x, hidden=True, eps=None, dy=None, gamma=None):
        x = np.asarray(x, dtype=np.float64)
        n, d = x.shape
        dy = rng.normal(size=(n, d)) if dy is None else np.asarray(dy, dtype=np.float64)
        gamma = rng.normal(1.0, 0.5, size=d) if gamma is None else np.asarray(gamma, dtype=np.float64)
        args = {"dy": dy, "x": x, "gamma": gamma}
        if eps is not None:
            args["eps"] = float(eps)
        return {"name": name, "hidden": hidden, "args": args}

    def offset_rows(n, d, ratio, std):
        # Rows whose |mean| / std is about `ratio` (the statement allows up to 1e3).
        signs = rng.choice([-1.0, 1.0], size=(n, 1))
        z = rng.normal(size=(n, d))
        z = (z - z.mean(axis=1, keepdims=True)) / z.std(axis=1, keepdims=True)  # each row: mean 0, std 1
        return signs * ratio * std + std * z

    return [
        case("sample-1", [[1.0, 2.0, 3.0, 4.0], [0.5, -1.0, 3.0, 2.0]], hidden=False,
             dy=[[0.1, -0.2, 0.3, 0.4], [1.0, 0.0, -1.0, 0.5]], gamma=[1.0, 0.5, 2.0, -1.0]),
        case("sample-2", rng.normal(size=(3, 5)), hidden=False),
        case("random-5x8", rng.normal(scale=2.0, size=(5, 8))),
        # D = 1: x - mu is exactly 0, so dx = 0 and dgamma = 0; only dbeta is nonzero.
        case("d-equals-1", rng.normal(scale=3.0, size=(4, 1))),
        case("d-equals-1-single-row", [[7.5]], eps=1e-3),
        case("d-equals-2", rng.normal(size=(6, 2))),
        case("single-row", rng.normal(size=(1, 6))),
        case("tall-7x3", rng.normal(size=(7, 3))),
        # |mean| / std = 1e3: a correct float64 computation still keeps ~12 digits of x - mu.
        case("large-offset", offset_rows(4, 6, 990.0, 1.5)),
        case("large-offset-small-scale", offset_rows(3, 5, 990.0, 1e-2)),
        # Variance comparable to eps: where eps goes (inside or outside the sqrt) matters here.
        case("variance-near-eps", 3e-3 * rng.normal(size=(4, 5))),
        case("large-eps", rng.normal(size=(3, 4)), eps=0.5),
        case("gamma-with-zeros-and-negatives", rng.normal(size=(4, 5)), gamma=[0.0, -1.5, 2.0, 0.0, 0.25]),
    ]

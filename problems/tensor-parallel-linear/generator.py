import numpy as np


def generate(seed: int) -> list[dict]:
    rng = np.random.default_rng(seed)
    n = rng.normal

    def case(name, hidden, B, D, F, P, activation, scale=1.0):
        x = n(size=(B, D))
        W1 = n(scale=scale / np.sqrt(D), size=(D, F))
        W2 = n(scale=1.0 / np.sqrt(F), size=(F, D))
        return {"name": name, "hidden": hidden, "args": {"x": x, "W1": W1, "W2": W2, "P": P, "activation": activation}}

    sample = {
        "x": np.array([[1.0, -1.0]]),
        "W1": np.array([[1.0, 2.0, -1.0, 0.5], [0.0, 1.0, 1.0, -0.5]]),
        "W2": np.array([[1.0, 0.0], [0.0, 1.0], [1.0, 1.0], [2.0, -1.0]]),
        "P": 2,
        "activation": "relu",
    }
    return [
        {"name": "sample-relu-2-shards", "hidden": False, "args": sample},
        case("sample-gelu-4-shards", False, 3, 4, 8, 4, "gelu_tanh"),
        case("one-shard", True, 4, 6, 12, 1, "gelu_tanh"),
        case("identity-2-shards", True, 3, 5, 10, 2, "identity"),
        case("relu-4-shards", True, 5, 8, 16, 4, "relu"),
        case("silu-3-shards", True, 4, 6, 18, 3, "silu"),
        case("gelu-8-shards", True, 6, 8, 32, 8, "gelu_tanh"),
        # One hidden unit per shard: P = F.
        case("one-unit-per-shard", True, 3, 4, 6, 6, "silu"),
        case("single-token", True, 1, 7, 14, 7, "relu"),
        # Large pre-activations (std about 8): GELU's tanh saturates, ReLU-like on both sides.
        case("large-preactivations-gelu", True, 4, 6, 12, 3, "gelu_tanh", scale=8.0),
        case("wide-4-shards-silu", True, 2, 16, 64, 4, "silu", scale=3.0),
    ]

import torch


def generate(seed: int) -> list[dict]:
    gen = torch.Generator().manual_seed(seed)

    def randn(*shape, scale=1.0):
        return torch.randn(*shape, generator=gen, dtype=torch.float64) * scale

    def case(name, hidden, B, T, d_model, n_heads, causal, x_scale=1.0):
        # Weights ~ N(0, 1/d_model) keep activations O(1), as with a standard initialisation.
        w = [randn(d_model, d_model, scale=d_model ** -0.5) for _ in range(4)]
        return {"name": name, "hidden": hidden,
                "args": {"x": randn(B, T, d_model, scale=x_scale), "W_q": w[0], "W_k": w[1],
                         "W_v": w[2], "W_o": w[3], "n_heads": n_heads, "causal": causal}}

    eye = torch.eye(4, dtype=torch.float64)
    # A readable sample: identity projections, so each head attends with its own two features of x.
    sample_1 = {"name": "sample-1", "hidden": False,
                "args": {"x": torch.tensor([[[1.0, 0.0, 0.0, 2.0], [0.0, 1.0, 1.0, 0.0], [1.0, 1.0, 0.0, 0.0]]],
                                           dtype=torch.float64),
                         "W_q": eye, "W_k": eye, "W_v": eye, "W_o": eye, "n_heads": 2, "causal": False}}
    # Small non-symmetric weights: x @ W.T and x @ W differ here.
    w = torch.tensor([[1.0, 0.0, 0.0, 0.0], [0.0, 0.0, 1.0, 0.0], [0.5, 0.0, 0.0, 1.0], [0.0, 1.0, 0.0, -1.0]],
                     dtype=torch.float64)
    sample_2 = {"name": "sample-2-causal", "hidden": False,
                "args": {"x": torch.tensor([[[1.0, 2.0, 0.0, -1.0], [0.0, 1.0, 2.0, 1.0], [2.0, 0.0, 1.0, 0.0]]],
                                           dtype=torch.float64),
                         "W_q": w, "W_k": eye, "W_v": w.T.contiguous(), "W_o": eye, "n_heads": 2, "causal": True}}
    return [
        sample_1,
        sample_2,
        case("batch-2-four-heads", True, 2, 5, 8, 4, False),
        case("causal-four-heads", True, 2, 6, 8, 4, True),
        case("one-head", True, 2, 4, 6, 1, True),
        # d_head = 1: each head is a single feature.
        case("head-dim-1", True, 1, 5, 4, 4, False),
        case("single-token", True, 3, 1, 8, 2, True),
        case("three-heads-odd-T", True, 2, 7, 12, 3, True),
        case("wide-sixteen", True, 1, 9, 16, 2, False),
        # Larger activations give sharp softmaxes (scores of order 100).
        case("sharp-scores", True, 2, 5, 8, 2, True, x_scale=8.0),
    ]

import torch


def _randn(gen, *shape, scale=1.0):
    return scale * torch.randn(*shape, generator=gen, dtype=torch.float64)


def _case(name, gen, B, T, D, H, F, hidden=True, x_scale=1.0, w_scale=1.0, eps=1e-6):
    args = {
        "x": _randn(gen, B, T, D, scale=x_scale),
        "attn_norm_w": 1.0 + 0.2 * _randn(gen, D),
        "Wq": _randn(gen, D, D, scale=w_scale / D**0.5),
        "Wk": _randn(gen, D, D, scale=w_scale / D**0.5),
        "Wv": _randn(gen, D, D, scale=w_scale / D**0.5),
        "Wo": _randn(gen, D, D, scale=w_scale / D**0.5),
        "ffn_norm_w": 1.0 + 0.2 * _randn(gen, D),
        "W1": _randn(gen, D, F, scale=w_scale / D**0.5),
        "W3": _randn(gen, D, F, scale=w_scale / D**0.5),
        "W2": _randn(gen, F, D, scale=w_scale / F**0.5),
        "n_heads": int(H),
        "eps": float(eps),
    }
    return {"name": name, "hidden": hidden, "args": args}


def generate(seed: int) -> list[dict]:
    gen = torch.Generator().manual_seed(seed)
    return [
        _case("sample-1", gen, 1, 3, 4, 2, 6, hidden=False),
        _case("sample-2", gen, 2, 4, 6, 3, 8, hidden=False),
        _case("one-token", gen, 2, 1, 8, 2, 12),
        _case("one-head", gen, 1, 6, 8, 1, 16),
        _case("head-dim-1", gen, 1, 5, 4, 4, 8),
        _case("llama-shaped", gen, 2, 8, 16, 4, 44),
        _case("many-heads", gen, 1, 7, 24, 8, 64),
        # Large weights make the attention peaky, so the causal mask and 1/sqrt(dh) scale matter a lot.
        _case("sharp-attention", gen, 2, 6, 8, 2, 16, w_scale=3.0),
        # Tiny activations: eps = 1e-6 is no longer negligible inside the square root.
        _case("tiny-activations-eps-matters", gen, 1, 4, 8, 2, 16, x_scale=1e-3, eps=1e-5),
        _case("large-activations", gen, 1, 5, 8, 2, 12, x_scale=100.0),
        _case("batch-of-4", gen, 4, 3, 12, 3, 20),
        _case("long-sequence", gen, 1, 32, 16, 2, 32),
    ]

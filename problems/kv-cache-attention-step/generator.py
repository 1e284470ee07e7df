import numpy as np


def _case(rng, name, hidden, B, D, H, Hkv, dh, T, x_scale=1.0):
    w = 1.0 / np.sqrt(D)
    return {
        "name": name,
        "hidden": hidden,
        "args": {
            "x": rng.normal(scale=x_scale, size=(B, D)),
            "Wq": rng.normal(scale=w, size=(D, H * dh)),
            "Wk": rng.normal(scale=w, size=(D, Hkv * dh)),
            "Wv": rng.normal(scale=w, size=(D, Hkv * dh)),
            "Wo": rng.normal(scale=1.0 / np.sqrt(H * dh), size=(H * dh, D)),
            "k_cache": rng.normal(size=(B, Hkv, T, dh)),
            "v_cache": rng.normal(size=(B, Hkv, T, dh)),
            "n_heads": H,
            "n_kv_heads": Hkv,
        },
    }


def generate(seed: int) -> list[dict]:
    rng = np.random.default_rng(seed)
    specs = [
        # name, hidden, B, D, H, Hkv, dh, T
        ("sample-gqa", False, 1, 8, 4, 2, 2, 3),
        ("sample-empty-cache", False, 2, 6, 2, 1, 3, 0),
        ("mha-equal-heads", True, 2, 8, 2, 2, 4, 5),
        ("mqa-one-kv-head", True, 2, 12, 4, 1, 3, 6),
        ("gqa-4-heads-2-kv", True, 3, 16, 4, 2, 4, 7),
        ("gqa-8-heads-2-kv", True, 2, 16, 8, 2, 2, 4),
        ("gqa-6-heads-3-kv", True, 1, 12, 6, 3, 4, 9),
        ("empty-cache-gqa", True, 2, 8, 4, 2, 2, 0),
        ("one-cached-token", True, 3, 8, 4, 2, 4, 1),
        ("batch-4-long-cache", True, 4, 16, 4, 2, 8, 33),
        ("d-model-not-h-times-dh", True, 2, 10, 4, 2, 3, 5),
    ]
    cases = [_case(rng, *spec) for spec in specs]
    # Large hidden states: scores reach ~1e3, where exp without the max shift overflows.
    cases.append(_case(rng, "large-scores", True, 2, 8, 4, 2, 4, 6, x_scale=60.0))
    return cases

import numpy as np


def _llama7b(modules):
    d, ff = 4096, 11008
    per_layer = {"q": (d, d), "k": (d, d), "v": (d, d), "o": (d, d), "gate": (ff, d), "up": (ff, d), "down": (d, ff)}
    return [list(per_layer[name]) for _ in range(32) for name in modules]


def generate(seed):
    rng = np.random.default_rng(seed)
    random_shapes = [[int(a), int(b)] for a, b in rng.integers(8, 2049, size=(9, 2))]
    llama_total = 6_738_415_616
    return [
        {"name": "sample-1", "hidden": False, "args": {"shapes": [[4, 3]], "r": 2, "total_params": 100}},
        {"name": "sample-2", "hidden": False,
         "args": {"shapes": _llama7b(["q", "v"]), "r": 8, "total_params": llama_total}},
        {"name": "no-target-matrices", "hidden": True, "args": {"shapes": [], "r": 8, "total_params": 1000}},
        {"name": "bert-base-query-value", "hidden": True,
         "args": {"shapes": [[768, 768]] * 24, "r": 8, "total_params": 109_482_240}},
        {"name": "gpt2-c-attn", "hidden": True,
         "args": {"shapes": [[2304, 768]] * 12, "r": 4, "total_params": 124_439_808}},
        {"name": "llama-all-linear-r64", "hidden": True,
         "args": {"shapes": _llama7b(["q", "k", "v", "o", "gate", "up", "down"]), "r": 64,
                  "total_params": llama_total}},
        {"name": "llama-mlp-rank-one", "hidden": True,
         "args": {"shapes": _llama7b(["gate", "up", "down"]), "r": 1, "total_params": llama_total}},
        {"name": "rank-above-matrix-size", "hidden": True,
         "args": {"shapes": [[4, 3], [2, 5]], "r": 8, "total_params": 50}},
        {"name": "random-shapes", "hidden": True,
         "args": {"shapes": random_shapes, "r": int(rng.integers(2, 33)),
                  "total_params": int(rng.integers(10**7, 10**9))}},
    ]

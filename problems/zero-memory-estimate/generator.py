import numpy as np


def generate(seed: int) -> list[dict]:
    rng = np.random.default_rng(seed)

    def case(name, hidden, num_params, dp_size, param_bytes=2, grad_bytes=2, optimizer_bytes=12):
        return {"name": name, "hidden": hidden, "args": {
            "num_params": int(num_params), "dp_size": int(dp_size), "param_bytes": param_bytes,
            "grad_bytes": grad_bytes, "optimizer_bytes": optimizer_bytes}}

    return [
        # The ZeRO paper's example: 7.5B parameters, N_d = 64, K = 12 -> 120 GB, 31.4 GB, 16.6 GB, 1.88 GB.
        case("sample-zero-paper-7.5b", False, 7_500_000_000, 64),
        case("sample-small", False, 1000, 4),
        case("one-device", True, 1_300_000_000, 1),
        case("llama-70b-on-1024", True, 70_000_000_000, 1024),
        case("dp-not-a-power-of-two", True, 6_738_415_616, 24),
        # Full fp32 training: 4-byte weights and grads, K = 8 (Adam moments only).
        case("fp32-adam", True, 350_000_000, 8, 4, 4, 8),
        # bf16 weights, fp32 gradient accumulation, K = 12.
        case("fp32-grads", True, 13_000_000_000, 16, 2, 4, 12),
        # SGD with momentum in mixed precision: K = 4 + 4.
        case("sgd-momentum", True, 2_000_000_000, 32, 2, 2, 8),
        # 8-bit Adam: K = 4 (master) + 1 + 1.
        case("eight-bit-adam", True, 8_000_000_000, 8, 2, 2, 6),
        case("random-config", True, int(rng.integers(10**7, 10**11)), int(rng.integers(2, 513)),
             int(rng.choice([2, 4])), int(rng.choice([2, 4])), int(rng.choice([8, 12, 16]))),
        case("tiny-model-many-devices", True, 10, 64),
    ]

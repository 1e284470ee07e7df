def zero_memory(num_params: int, dp_size: int, param_bytes: float = 2, grad_bytes: float = 2,
                optimizer_bytes: float = 12) -> dict:
    """Per-device bytes of model states under plain DP and ZeRO stages 1, 2 and 3."""
    raise NotImplementedError

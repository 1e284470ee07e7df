def zero_memory(num_params: int, dp_size: int, param_bytes: float = 2, grad_bytes: float = 2,
                optimizer_bytes: float = 12) -> dict:
    """Per-device bytes of model states under plain DP and ZeRO stages 1, 2 and 3."""
    psi, n = float(num_params), float(dp_size)
    weights, grads, optim = param_bytes * psi, grad_bytes * psi, optimizer_bytes * psi
    return {
        "dp": weights + grads + optim,  # everything replicated
        "zero1": weights + grads + optim / n,  # P_os: optimizer states partitioned
        "zero2": weights + (grads + optim) / n,  # P_os+g: gradients too
        "zero3": (weights + grads + optim) / n,  # P_os+g+p: parameters too
    }

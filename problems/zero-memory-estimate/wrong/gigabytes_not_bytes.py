def zero_memory(num_params, dp_size, param_bytes=2, grad_bytes=2, optimizer_bytes=12):
    # Right formulas, reported in GB (1e9 bytes) instead of bytes.
    psi = float(num_params) / 1e9
    w, g, o = param_bytes * psi, grad_bytes * psi, optimizer_bytes * psi
    return {"dp": w + g + o, "zero1": w + g + o / dp_size, "zero2": w + (g + o) / dp_size,
            "zero3": (w + g + o) / dp_size}

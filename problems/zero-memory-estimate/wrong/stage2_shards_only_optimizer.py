def zero_memory(num_params, dp_size, param_bytes=2, grad_bytes=2, optimizer_bytes=12):
    # Believes ZeRO-2 differs from ZeRO-1 only in communication, so it keeps full gradients on every device.
    psi = float(num_params)
    w, g, o = param_bytes * psi, grad_bytes * psi, optimizer_bytes * psi
    return {"dp": w + g + o, "zero1": w + g + o / dp_size, "zero2": w + g + o / dp_size, "zero3": (w + g + o) / dp_size}

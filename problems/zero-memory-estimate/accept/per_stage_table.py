def zero_memory(num_params, dp_size, param_bytes=2, grad_bytes=2, optimizer_bytes=12):
    # Table of which model states each stage shards, then bytes per parameter summed per stage.
    shards = {"dp": (), "zero1": ("o",), "zero2": ("o", "g"), "zero3": ("o", "g", "p")}
    per_param = {"p": param_bytes, "g": grad_bytes, "o": optimizer_bytes}
    out = {}
    for stage, sharded in shards.items():
        b = sum(per_param[k] / dp_size if k in sharded else per_param[k] for k in "pgo")
        out[stage] = b * num_params
    return out

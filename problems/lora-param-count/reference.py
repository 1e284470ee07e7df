def lora_param_count(shapes, r, total_params):
    """Trainable parameters LoRA adds to the (d_out, d_in) matrices in `shapes`, and their share of all parameters."""
    added = sum(r * (int(d_in) + int(d_out)) for d_out, d_in in shapes)  # A: r x d_in, B: d_out x r
    return added, added / (total_params + added)

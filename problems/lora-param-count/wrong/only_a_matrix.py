def lora_param_count(shapes, r, total_params):
    # Counts only the down-projection A (r x d_in) and forgets B (d_out x r).
    added = sum(r * d_in for d_out, d_in in shapes)
    return added, added / (total_params + added)

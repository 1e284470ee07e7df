def lora_param_count(shapes, r, total_params):
    """Count the trainable parameters LoRA adds.

    shapes: list of (d_out, d_in) pairs, one per adapted weight matrix; r: LoRA rank;
    total_params: parameter count of the frozen base model.
    Return (added, fraction) with added an int and fraction = added / (total_params + added).
    """
    return None

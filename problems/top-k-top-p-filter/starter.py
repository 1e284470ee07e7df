import numpy as np


def top_k_top_p_filter(logits, top_k, top_p):
    """Hugging Face TopKLogitsWarper then TopPLogitsWarper (min_tokens_to_keep = 1): removed tokens become -inf."""
    raise NotImplementedError

import numpy as np


def paged_kv_gather(pool, block_table, seq_len):
    """Return the sequence's first seq_len cache entries, (seq_len, H, dh), in token order."""
    raise NotImplementedError

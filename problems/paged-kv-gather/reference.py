import numpy as np


def paged_kv_gather(pool, block_table, seq_len):
    """Return the sequence's first seq_len cache entries, (seq_len, H, dh), in token order."""
    _, block_size, H, dh = pool.shape
    block_table = np.asarray(block_table, dtype=np.int64)
    # pool[block_table] is (n_blocks_used, block_size, H, dh): logical block b, slot s holds token b*block_size + s.
    blocks = pool[block_table]
    return blocks.reshape(len(block_table) * block_size, H, dh)[:seq_len].copy()

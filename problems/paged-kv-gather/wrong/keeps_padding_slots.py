import numpy as np


def paged_kv_gather(pool, block_table, seq_len):
    # Gathers whole blocks and forgets to cut at seq_len: the unused slots of the last block (stale data
    # from a freed sequence) come back as if they were tokens.
    _, block_size, H, dh = pool.shape
    return pool[np.asarray(block_table)].reshape(-1, H, dh)

import numpy as np


def paged_kv_gather(pool, block_table, seq_len):
    # One token at a time, into a preallocated output (handles seq_len = 0 without np.stack of nothing).
    block_size = pool.shape[1]
    out = np.empty((seq_len,) + pool.shape[2:], dtype=pool.dtype)
    for t in range(seq_len):
        out[t] = pool[int(block_table[t // block_size]), t % block_size]
    return out

import numpy as np


def paged_kv_gather(pool, block_table, seq_len):
    # vLLM's slot mapping: token t lives in physical slot block_table[t // block_size] * block_size + t % block_size
    # of the pool flattened over (block, slot).
    num_blocks, block_size, H, dh = pool.shape
    t = np.arange(seq_len)
    slots = np.asarray(block_table)[t // block_size] * block_size + t % block_size
    return pool.reshape(num_blocks * block_size, H, dh)[slots]

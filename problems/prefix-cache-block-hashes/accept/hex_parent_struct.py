import hashlib
import struct


def prefix_cache_hits(token_ids, block_size, cached_hashes):
    # Keeps the parent as a hex string and decodes it; packs tokens with struct; counts hits in a second pass.
    n_full = len(token_ids) // block_size
    hashes = []
    parent_hex = "00" * 32
    for b in range(n_full):
        block = token_ids[b * block_size : (b + 1) * block_size]
        h = hashlib.sha256()
        h.update(bytes.fromhex(parent_hex))
        h.update(struct.pack(f"<{block_size}Q", *block))
        parent_hex = h.hexdigest()
        hashes.append(parent_hex)
    hit = 0
    for b, value in enumerate(hashes):
        if value not in cached_hashes:
            break
        hit = (b + 1) * block_size
    return hashes, hit

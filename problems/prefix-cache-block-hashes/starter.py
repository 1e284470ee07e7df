import hashlib


def prefix_cache_hits(token_ids, block_size, cached_hashes):
    """Chained SHA-256 hashes of the full blocks, and the number of prompt tokens covered by cached leading blocks."""
    raise NotImplementedError

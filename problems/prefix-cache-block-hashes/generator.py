import hashlib

import numpy as np


def _chain(tokens, block_size):
    """Hashes of the full blocks of `tokens` (used only to build cache contents for the cases)."""
    out, parent = [], bytes(32)
    for start in range(0, len(tokens) - block_size + 1, block_size):
        parent = hashlib.sha256(parent + b"".join(int(t).to_bytes(8, "little") for t in tokens[start : start + block_size])).digest()
        out.append(parent.hex())
    return out


def _tokens(rng, n, vocab=50000):
    return [int(t) for t in rng.integers(0, vocab, size=n)]


def _case(name, hidden, tokens, block_size, cached):
    return {"name": name, "hidden": hidden,
            "args": {"token_ids": list(tokens), "block_size": block_size, "cached_hashes": list(cached)}}


def generate(seed: int) -> list[dict]:
    rng = np.random.default_rng(seed)
    cases = []
    # sample-1: a system prompt of two blocks is cached; the user turn differs.
    system = [101, 7, 7, 42]
    cases.append(_case("sample-1", False, system + [5, 6, 9], 2, _chain(system, 2)))
    # sample-2: nothing cached yet.
    cases.append(_case("sample-2-cold-cache", False, [3, 1, 4, 1, 5, 9, 2, 6], 4, []))

    hidden = []
    shared = _tokens(rng, 48)
    prompt = shared + _tokens(rng, 21)
    other = shared + _tokens(rng, 30)
    hidden.append(_case("shared-system-prompt", True, prompt, 16, _chain(other, 16) + _chain(_tokens(rng, 40), 16)))
    # The whole prompt is cached and is an exact multiple of the block size.
    full = _tokens(rng, 32)
    hidden.append(_case("fully-cached-exact-multiple", True, full, 8, _chain(full, 8)))
    # An early block was evicted; later blocks of the same prompt are still in the cache.
    evicted = _tokens(rng, 40)
    chain = _chain(evicted, 8)
    hidden.append(_case("early-block-evicted", True, evicted, 8, chain[:1] + chain[2:]))
    hidden.append(_case("first-block-evicted", True, evicted, 8, chain[1:]))
    # Same block contents at different positions: only chaining tells them apart.
    repeat = [11, 12, 13, 14] * 3
    hidden.append(_case("repeated-block-contents", True, repeat + [99, 98, 97, 96], 4,
                        _chain([11, 12, 13, 14], 4) + _chain([0, 0, 0, 0] + [99, 98, 97, 96], 4)))
    # A different prefix followed by an identical block: must miss.
    tail = _tokens(rng, 6)
    hidden.append(_case("same-block-different-prefix", True, _tokens(rng, 6) + tail, 6, _chain(_tokens(rng, 6) + tail, 6)))
    hidden.append(_case("shorter-than-one-block", True, _tokens(rng, 5), 16, _chain(_tokens(rng, 32), 16)))
    hidden.append(_case("empty-prompt", True, [], 4, _chain(_tokens(rng, 8), 4)))
    blocks_of_one = _tokens(rng, 10)
    hidden.append(_case("block-size-one", True, blocks_of_one, 1, _chain(blocks_of_one[:7], 1)))
    # A partial trailing block whose tokens match a cached full block's prefix: no hash for it.
    base = _tokens(rng, 24)
    hidden.append(_case("trailing-partial-block", True, base[:20], 8, _chain(base, 8)))
    hidden.append(_case("large-token-ids", True, [2**40 + 3, 0, 2**62, 1, 5, 2**33], 2, _chain([2**40 + 3, 0], 2)))
    many = _tokens(rng, 512)
    hidden.append(_case("long-prompt-partial-hit", True, many + _tokens(rng, 7), 16,
                        _chain(many[:300] + _tokens(rng, 64), 16)))
    return cases + hidden

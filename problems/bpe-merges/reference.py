from collections import Counter


def _merge(symbols: list[str], a: str, b: str) -> list[str]:
    """Replace every non-overlapping a, b (left to right) in symbols with a + b."""
    out: list[str] = []
    i = 0
    while i < len(symbols):
        if i + 1 < len(symbols) and symbols[i] == a and symbols[i + 1] == b:
            out.append(a + b)
            i += 2
        else:
            out.append(symbols[i])
            i += 1
    return out


def bpe_merges(word_counts: dict[str, int], num_merges: int) -> list[list[str]]:
    """First num_merges BPE merges: chars + "</w>", most frequent pair, ties -> smallest (a, b)."""
    words = [(list(word) + ["</w>"], count) for word, count in word_counts.items()]
    merges: list[list[str]] = []
    for _ in range(num_merges):
        pairs: Counter = Counter()
        for symbols, count in words:
            for pair in zip(symbols[:-1], symbols[1:]):
                pairs[pair] += count
        if not pairs:
            break
        # Highest count first; among equal counts the smallest (a, b) tuple.
        a, b = min(pairs, key=lambda pair: (-pairs[pair], pair))
        merges.append([a, b])
        words = [(_merge(symbols, a, b), count) for symbols, count in words]
    return merges

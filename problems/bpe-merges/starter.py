def bpe_merges(word_counts: dict[str, int], num_merges: int) -> list[list[str]]:
    """First num_merges BPE merges: chars + "</w>", most frequent pair, ties -> smallest (a, b)."""
    raise NotImplementedError

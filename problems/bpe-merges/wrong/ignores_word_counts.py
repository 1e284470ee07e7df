from collections import Counter


def bpe_merges(word_counts: dict[str, int], num_merges: int) -> list[list[str]]:
    # Counts each distinct word once, ignoring its frequency.
    words = [list(w) + ["</w>"] for w in word_counts]
    merges = []
    for _ in range(num_merges):
        pairs: Counter = Counter()
        for symbols in words:
            pairs.update(zip(symbols[:-1], symbols[1:]))
        if not pairs:
            break
        a, b = min(pairs, key=lambda p: (-pairs[p], p))
        merges.append([a, b])
        new_words = []
        for symbols in words:
            out, i = [], 0
            while i < len(symbols):
                if i + 1 < len(symbols) and symbols[i] == a and symbols[i + 1] == b:
                    out.append(a + b)
                    i += 2
                else:
                    out.append(symbols[i])
                    i += 1
            new_words.append(out)
        words = new_words
    return merges

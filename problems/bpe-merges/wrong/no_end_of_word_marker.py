from collections import Counter


def bpe_merges(word_counts: dict[str, int], num_merges: int) -> list[list[str]]:
    # Forgets the "</w>" marker: suffix merges such as ("est", "</w>") can never be learned.
    words = [(list(w), c) for w, c in word_counts.items()]
    merges = []
    for _ in range(num_merges):
        pairs: Counter = Counter()
        for symbols, count in words:
            for pair in zip(symbols[:-1], symbols[1:]):
                pairs[pair] += count
        if not pairs:
            break
        a, b = min(pairs, key=lambda p: (-pairs[p], p))
        merges.append([a, b])
        new_words = []
        for symbols, count in words:
            out, i = [], 0
            while i < len(symbols):
                if i + 1 < len(symbols) and symbols[i] == a and symbols[i + 1] == b:
                    out.append(a + b)
                    i += 2
                else:
                    out.append(symbols[i])
                    i += 1
            new_words.append((out, count))
        words = new_words
    return merges

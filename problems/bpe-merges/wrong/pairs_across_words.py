from collections import Counter


def bpe_merges(word_counts: dict[str, int], num_merges: int) -> list[list[str]]:
    # Builds one stream of symbols for the whole corpus (each word repeated `count` times, end-of-word
    # markers included) and counts pairs over it, so "</w>" gets paired with the next word's first letter.
    stream = []
    for word, count in word_counts.items():
        for _ in range(count):
            stream += list(word) + ["</w>"]
    merges = []
    for _ in range(num_merges):
        pairs = Counter(zip(stream[:-1], stream[1:]))
        if not pairs:
            break
        a, b = min(pairs, key=lambda p: (-pairs[p], p))
        merges.append([a, b])
        out, i = [], 0
        while i < len(stream):
            if i + 1 < len(stream) and stream[i] == a and stream[i + 1] == b:
                out.append(a + b)
                i += 2
            else:
                out.append(stream[i])
                i += 1
        stream = out
    return merges

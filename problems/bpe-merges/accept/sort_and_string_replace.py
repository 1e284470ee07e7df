def bpe_merges(word_counts: dict[str, int], num_merges: int) -> list[list[str]]:
    # Words as tuples; the best pair found by sorting (count desc, pair asc); merge by rebuilding tuples.
    vocab = {tuple(w) + ("</w>",): c for w, c in word_counts.items()}
    merges = []
    for _ in range(num_merges):
        stats: dict = {}
        for symbols, count in vocab.items():
            for i in range(len(symbols) - 1):
                key = (symbols[i], symbols[i + 1])
                stats[key] = stats.get(key, 0) + count
        if not stats:
            break
        best = sorted(stats.items(), key=lambda item: (-item[1], item[0]))[0][0]
        merges.append(list(best))
        new_vocab = {}
        for symbols, count in vocab.items():
            merged = []
            i = 0
            while i < len(symbols):
                if symbols[i:i + 2] == best:
                    merged.append(best[0] + best[1])
                    i += 2
                else:
                    merged.append(symbols[i])
                    i += 1
            new_vocab[tuple(merged)] = new_vocab.get(tuple(merged), 0) + count
        vocab = new_vocab
    return merges

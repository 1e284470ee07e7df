def rouge_l(candidate, reference):
    # Longest common *substring* (contiguous run) instead of subsequence: gaps break the match.
    best = 0
    prev = [0] * (len(reference) + 1)
    for token in candidate:
        row = [0] * (len(reference) + 1)
        for j, ref_token in enumerate(reference, start=1):
            if token == ref_token:
                row[j] = prev[j - 1] + 1
                best = max(best, row[j])
        prev = row
    if best == 0:
        return 0.0, 0.0, 0.0
    p, r = best / len(candidate), best / len(reference)
    return p, r, 2 * p * r / (p + r)

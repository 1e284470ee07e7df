def rouge_l(candidate, reference):
    # Greedy left-to-right matching: each candidate token takes the next reference occurrence, which is not the LCS.
    lcs, start = 0, 0
    for token in candidate:
        try:
            j = reference.index(token, start)
        except ValueError:
            continue
        lcs += 1
        start = j + 1
    if lcs == 0:
        return 0.0, 0.0, 0.0
    p, r = lcs / len(candidate), lcs / len(reference)
    return p, r, 2 * p * r / (p + r)

def rouge_l(candidate, reference):
    # Divides by the wrong lengths: precision over the reference, recall over the candidate.
    prev = [0] * (len(reference) + 1)
    for token in candidate:
        row = [0] * (len(reference) + 1)
        for j, ref_token in enumerate(reference, start=1):
            row[j] = prev[j - 1] + 1 if token == ref_token else max(prev[j], row[j - 1])
        prev = row
    lcs = prev[-1]
    if lcs == 0:
        return 0.0, 0.0, 0.0
    p, r = lcs / len(reference), lcs / len(candidate)
    return p, r, 2 * p * r / (p + r)

def rouge_l(candidate: list[str], reference: list[str]) -> tuple[float, float, float]:
    """ROUGE-L (precision, recall, F1) of a candidate token list against a reference token list."""
    # prev[j] = LCS length of the candidate prefix so far and reference[:j]; one row at a time.
    prev = [0] * (len(reference) + 1)
    for token in candidate:
        row = [0] * (len(reference) + 1)
        for j, ref_token in enumerate(reference, start=1):
            row[j] = prev[j - 1] + 1 if token == ref_token else max(prev[j], row[j - 1])
        prev = row
    lcs = prev[-1]
    if lcs == 0:  # includes an empty candidate or reference
        return 0.0, 0.0, 0.0
    precision, recall = lcs / len(candidate), lcs / len(reference)
    return precision, recall, 2 * precision * recall / (precision + recall)

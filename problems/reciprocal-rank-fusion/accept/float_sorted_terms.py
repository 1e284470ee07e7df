from collections import defaultdict


def reciprocal_rank_fusion(rankings, k=60):
    # Floats, but each document's terms are added in sorted order, so equal rank multisets give bitwise-equal sums.
    terms = defaultdict(list)
    for ranking in rankings:
        for i, doc in enumerate(ranking):
            terms[doc].append(1.0 / (k + i + 1))
    score = {doc: sum(sorted(t)) for doc, t in terms.items()}
    return sorted(score, key=lambda d: (-score[d], d))

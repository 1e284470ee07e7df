from fractions import Fraction


def reciprocal_rank_fusion(rankings, k=60):
    # Sorts by score only: Python's stable sort leaves ties in first-seen order, not by doc id.
    scores = {}
    for ranking in rankings:
        for rank, doc in enumerate(ranking, start=1):
            scores[doc] = scores.get(doc, Fraction(0)) + Fraction(1, k + rank)
    return sorted(scores, key=lambda doc: -scores[doc])

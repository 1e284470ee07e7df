from fractions import Fraction


def reciprocal_rank_fusion(rankings, k=60):
    # Keeps only documents that every list retrieved; RRF fuses the union.
    common = set(rankings[0]) if rankings else set()
    for ranking in rankings[1:]:
        common &= set(ranking)
    scores = {}
    for ranking in rankings:
        for rank, doc in enumerate(ranking, start=1):
            if doc in common:
                scores[doc] = scores.get(doc, Fraction(0)) + Fraction(1, k + rank)
    return sorted(scores, key=lambda doc: (-scores[doc], doc))

from fractions import Fraction


def reciprocal_rank_fusion(rankings, k=60):
    # enumerate() without start=1: the top document gets 1/k instead of 1/(k + 1).
    scores = {}
    for ranking in rankings:
        for rank, doc in enumerate(ranking):
            scores[doc] = scores.get(doc, Fraction(0)) + Fraction(1, k + rank)
    return sorted(scores, key=lambda doc: (-scores[doc], doc))

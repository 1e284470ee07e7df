from fractions import Fraction


def reciprocal_rank_fusion(rankings: list[list[int]], k: int = 60) -> list[int]:
    """Fuse several ranked lists of doc ids with RRF; ties by doc id ascending."""
    scores: dict[int, Fraction] = {}
    for ranking in rankings:
        for rank, doc in enumerate(ranking, start=1):
            # Exact rationals: equal scores are equal whatever order the terms are added in.
            scores[doc] = scores.get(doc, Fraction(0)) + Fraction(1, k + rank)
    return sorted(scores, key=lambda doc: (-scores[doc], doc))

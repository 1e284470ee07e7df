def reciprocal_rank_fusion(rankings, k=60):
    # Sums reciprocal ranks 1/r (k ignored): the top of one list dominates everything that follows.
    scores = {}
    for ranking in rankings:
        for rank, doc in enumerate(ranking, start=1):
            scores[doc] = scores.get(doc, 0.0) + 1.0 / rank
    return sorted(scores, key=lambda doc: (-scores[doc], doc))

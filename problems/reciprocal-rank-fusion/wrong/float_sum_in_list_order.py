def reciprocal_rank_fusion(rankings, k=60):
    # Plain float accumulation in list order: two documents with the same ranks in different lists can differ
    # in the last bit, so a true tie is decided by rounding instead of by doc id.
    scores = {}
    for ranking in rankings:
        for rank, doc in enumerate(ranking, start=1):
            scores[doc] = scores.get(doc, 0.0) + 1.0 / (k + rank)
    return sorted(scores, key=lambda doc: (-scores[doc], doc))

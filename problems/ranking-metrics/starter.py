def ranking_metrics(rankings: list[list[str]], qrels: list[dict[str, int]], k: int) -> dict[str, float]:
    """Mean recall@k, MRR and nDCG@k over queries; keys "recall@k", "mrr", "ndcg@k"."""
    raise NotImplementedError

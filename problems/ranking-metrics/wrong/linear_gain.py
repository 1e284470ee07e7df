import math

# Linear gain rel instead of 2^rel - 1 in the DCG (the ideal keeps the exponential gain).


def ranking_metrics(rankings: list[list[str]], qrels: list[dict[str, int]], k: int) -> dict[str, float]:
    recall = rr = ndcg = 0.0
    for ranking, judged in zip(rankings, qrels, strict=True):
        relevant = {doc for doc, grade in judged.items() if grade > 0}
        if not relevant:  # nothing to find: the query scores 0 on every metric
            continue
        top = ranking[:k]
        recall += sum(doc in relevant for doc in top) / len(relevant)
        first = next((i for i, doc in enumerate(ranking, start=1) if doc in relevant), None)
        rr += 1.0 / first if first is not None else 0.0
        dcg = sum(judged.get(doc, 0) / math.log2(i + 1) for i, doc in enumerate(top, start=1))
        ideal = sorted(judged.values(), reverse=True)[:k]  # from all judged docs, retrieved or not
        idcg = sum((2.0**grade - 1.0) / math.log2(i + 1) for i, grade in enumerate(ideal, start=1))
        ndcg += dcg / idcg
    n = len(rankings)
    return {"recall@k": recall / n, "mrr": rr / n, "ndcg@k": ndcg / n}

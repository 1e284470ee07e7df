import numpy as np


def ranking_metrics(rankings, qrels, k):
    per_query = []
    for ranking, judged in zip(rankings, qrels):
        grades = np.array([judged.get(d, 0) for d in ranking], dtype=float)
        n_rel = sum(1 for g in judged.values() if g > 0)
        if n_rel == 0:
            per_query.append((0.0, 0.0, 0.0))
            continue
        hits = np.flatnonzero(grades > 0)
        discount = 1.0 / np.log2(np.arange(2, k + 2))
        top = grades[:k]
        dcg = np.sum((np.exp2(top) - 1) * discount[: len(top)])
        ideal = np.sort(np.array(list(judged.values()), dtype=float))[::-1][:k]
        idcg = np.sum((np.exp2(ideal) - 1) * discount[: len(ideal)])
        per_query.append((np.count_nonzero(top > 0) / n_rel, 1.0 / (hits[0] + 1) if hits.size else 0.0, dcg / idcg))
    mean = np.mean(np.array(per_query), axis=0)
    return {"recall@k": float(mean[0]), "mrr": float(mean[1]), "ndcg@k": float(mean[2])}

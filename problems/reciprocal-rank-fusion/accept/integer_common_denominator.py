import math


def reciprocal_rank_fusion(rankings, k=60):
    # Scale every 1/(k + r) to a common denominator: integer scores compare exactly.
    longest = max((len(r) for r in rankings), default=0)
    denominator = math.lcm(*range(k + 1, k + longest + 1)) if longest else 1
    score = {}
    for ranking in rankings:
        for r, doc in enumerate(ranking, start=1):
            score[doc] = score.get(doc, 0) + denominator // (k + r)
    return [int(d) for d in sorted(score, key=lambda d: (-score[d], d))]

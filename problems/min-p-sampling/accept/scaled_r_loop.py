def min_p_sample(probs, min_p, r) -> int:
    # Never normalises: walks the kept tokens and compares the running sum with r * (kept total).
    values = [float(p) for p in probs]
    threshold = min_p * max(values)
    kept = [j for j, p in enumerate(values) if p >= threshold and p > 0.0]
    target = r * sum(values[j] for j in kept)
    running = 0.0
    for j in kept:
        running += values[j]
        if running > target:
            return j
    return kept[-1]

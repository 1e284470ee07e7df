def pack_sequences(lengths, capacity):
    # Best-fit: puts each sequence into the bin with the LEAST room left that still fits, not the first one.
    if any(length > capacity for length in lengths):
        return None
    order = sorted(range(len(lengths)), key=lambda i: (-lengths[i], i))
    bins, free = [], []
    for i in order:
        candidates = [b for b, room in enumerate(free) if lengths[i] <= room]
        if candidates:
            b = min(candidates, key=lambda c: (free[c], c))
            bins[b].append(i)
            free[b] -= lengths[i]
        else:
            bins.append([i])
            free.append(capacity - lengths[i])
    return bins

def pack_sequences(lengths, capacity):
    """First-fit decreasing: bins of sequence indices, or None if some sequence is longer than the capacity."""
    if any(length > capacity for length in lengths):
        return None
    order = sorted(range(len(lengths)), key=lambda i: (-lengths[i], i))
    bins, free = [], []
    for i in order:
        for b, room in enumerate(free):
            if lengths[i] <= room:
                bins[b].append(i)
                free[b] -= lengths[i]
                break
        else:
            bins.append([i])
            free.append(capacity - lengths[i])
    return bins

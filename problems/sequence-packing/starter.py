def pack_sequences(lengths, capacity):
    """First-fit decreasing: bins of sequence indices, or None if some sequence is longer than the capacity."""
    raise NotImplementedError

import numpy as np


def merge_partials(m1, l1, o1, m2, l2, o2):
    """Merge two (max, sum, normalised output) softmax partials over disjoint key blocks.

    Returns (m, l, o).
    """
    raise NotImplementedError

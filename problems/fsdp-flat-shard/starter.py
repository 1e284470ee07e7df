import numpy as np


def flat_shard(params: list, world_size: int):
    """FSDP-style flat sharding.

    params: list of float64 arrays (any shapes, 0-d and empty included); world_size: W >= 1.
    Returns (shards, offsets, numels, padding):
      shards  float64 array (W, S): the row-major concatenation of all params, zero-padded at the end to
              W * S elements, S = ceil(total / W), rank r owning the contiguous slice [r*S, (r+1)*S);
      offsets list of ints: where each param starts in the flat buffer;
      numels  list of ints: each param's number of elements;
      padding int: the number of zeros appended (the smallest that makes the length a multiple of W).
    """
    return None

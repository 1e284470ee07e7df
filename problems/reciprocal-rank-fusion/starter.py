def reciprocal_rank_fusion(rankings: list[list[int]], k: int = 60) -> list[int]:
    """Fuse several ranked lists of doc ids with RRF; ties by doc id ascending."""
    raise NotImplementedError

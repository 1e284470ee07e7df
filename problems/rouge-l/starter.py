def rouge_l(candidate: list[str], reference: list[str]) -> tuple[float, float, float]:
    """ROUGE-L (precision, recall, F1) of a candidate token list against a reference token list."""
    raise NotImplementedError

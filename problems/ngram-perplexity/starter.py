def ngram_perplexity(train: list[list[str]], test: list[list[str]], n: int, k: float) -> float:
    """Perplexity of `test` under an add-k smoothed n-gram model estimated on `train`.

    Each sentence is padded with n - 1 "<s>" at the start and one "</s>" at the end.
    V = training words + {"</s>", "<unk>"}; unseen test words become "<unk>".
    P(w | h) = (c(h, w) + k) / (c(h) + k |V|); perplexity = exp(-(1/N) sum ln P).
    """
    return None

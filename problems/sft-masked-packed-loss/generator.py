import torch


def _pack(gen, docs, V, scale=2.0, pad=0):
    """docs: list of (prompt_len, response_len). Packs them back to back, then `pad` padding positions."""
    tokens, mask, doc_ids = [], [], []
    for d, (p, r) in enumerate(docs):
        tokens += torch.randint(0, V, (p + r,), generator=gen).tolist()
        mask += [False] * p + [True] * r
        doc_ids += [d] * (p + r)
    tokens += [0] * pad
    mask += [False] * pad
    doc_ids += [len(docs)] * pad
    T = len(tokens)
    logits = scale * torch.randn(T, V, generator=gen, dtype=torch.float64)
    return {"logits": logits, "tokens": torch.tensor(tokens, dtype=torch.int64),
            "loss_mask": torch.tensor(mask, dtype=torch.bool), "doc_ids": torch.tensor(doc_ids, dtype=torch.int64)}


def _case(name, args, hidden=True):
    return {"name": name, "hidden": hidden, "args": args}


def generate(seed: int) -> list[dict]:
    gen = torch.Generator().manual_seed(seed)
    sample1 = {
        "logits": torch.tensor([[2.0, 0.0, -1.0, 0.5], [0.0, 1.0, 0.0, 0.0], [0.5, 0.5, 2.0, -1.0],
                                [1.0, -1.0, 0.0, 3.0], [0.0, 0.0, 0.0, 0.0], [-1.0, 2.0, 0.5, 0.0],
                                [1.5, 0.0, -0.5, 1.0]], dtype=torch.float64),
        "tokens": torch.tensor([3, 1, 2, 3, 0, 1, 1], dtype=torch.int64),
        "loss_mask": torch.tensor([False, True, True, True, True, False, True], dtype=torch.bool),
        "doc_ids": torch.tensor([0, 0, 0, 0, 1, 1, 1], dtype=torch.int64),
    }
    sample2 = _pack(gen, [(2, 3), (1, 2), (3, 2)], 6)
    sample2["logits"] = torch.round(sample2["logits"] * 10) / 10
    cases = [_case("sample-1", sample1, hidden=False), _case("sample-2", sample2, hidden=False)]
    cases.append(_case("many-documents", _pack(gen, [(3, 5), (2, 7), (4, 1), (1, 6), (5, 3)], 17)))
    # Documents with no prompt: their first token is supervised but has no in-document predecessor.
    cases.append(_case("documents-without-prompt", _pack(gen, [(0, 6), (0, 4), (2, 5), (0, 3)], 11)))
    cases.append(_case("single-document-no-boundary", _pack(gen, [(4, 9)], 13)))
    cases.append(_case("pretraining-style-all-supervised", _pack(gen, [(0, 5), (0, 7), (0, 2)], 9)))
    cases.append(_case("single-token-documents", _pack(gen, [(0, 1), (1, 1), (0, 1), (0, 1), (1, 2)], 5)))
    cases.append(_case("trailing-padding", _pack(gen, [(2, 4), (3, 3)], 8, pad=5)))
    cases.append(_case("unequal-lengths", _pack(gen, [(1, 1), (2, 14), (1, 2)], 10)))
    cases.append(_case("large-vocab", _pack(gen, [(3, 6), (2, 8)], 257, scale=4.0)))
    # Logits around 1e3: exp overflows in float64 unless the softmax is shifted.
    cases.append(_case("logits-near-1e3", _pack(gen, [(2, 4), (1, 5)], 7, scale=600.0)))
    cases.append(_case("no-supervised-tokens", _pack(gen, [(3, 0), (4, 0)], 5)))
    cases.append(_case("only-first-tokens-supervised", _pack(gen, [(0, 1), (0, 1), (2, 0)], 5)))
    return cases

import torch


def _case(name, logits, input_ids, attention_mask, hidden=True):
    return {"name": name, "hidden": hidden,
            "args": {"logits": logits, "input_ids": input_ids, "attention_mask": attention_mask}}


def _batch(gen, B, T, V, lengths, left=False, scale=2.0, pad_id=0):
    """Random logits and tokens; row b has lengths[b] real tokens, padded on the right (or the left)."""
    logits = scale * torch.randn(B, T, V, generator=gen, dtype=torch.float64)
    ids = torch.randint(1, V, (B, T), generator=gen, dtype=torch.int64)
    mask = torch.zeros(B, T, dtype=torch.int64)
    for b, n in enumerate(lengths):
        if left:
            mask[b, T - n:] = 1
        else:
            mask[b, :n] = 1
    ids = ids.masked_fill(mask == 0, pad_id)
    return logits, ids, mask


def generate(seed: int) -> list[dict]:
    gen = torch.Generator().manual_seed(seed)
    t = lambda rows, dtype=torch.float64: torch.tensor(rows, dtype=dtype)  # noqa: E731
    cases = [
        _case("sample-1",
              t([[[2.0, 0.0, 0.0], [0.0, 1.0, 0.0], [0.0, 0.0, 3.0]]]),
              t([[0, 1, 2]], torch.int64), t([[1, 1, 1]], torch.int64), hidden=False),
        _case("sample-2",
              t([[[1.0, 0.0, 0.0], [0.0, 2.0, 0.0], [0.0, 0.0, 0.0]],
                 [[0.0, 1.0, 0.0], [1.0, 1.0, 0.0], [0.0, 0.0, 1.0]]]),
              t([[2, 1, 0], [1, 2, 1]], torch.int64), t([[1, 1, 0], [1, 1, 1]], torch.int64), hidden=False),
    ]
    cases.append(_case("no-padding", *_batch(gen, 3, 7, 11, [7, 7, 7])))
    cases.append(_case("right-padding", *_batch(gen, 4, 9, 13, [9, 5, 2, 7])))
    cases.append(_case("left-padding", *_batch(gen, 4, 9, 13, [9, 5, 3, 7], left=True)))
    cases.append(_case("pad-id-is-a-real-token", *_batch(gen, 3, 8, 10, [8, 4, 6], pad_id=3)))
    cases.append(_case("one-real-token-row", *_batch(gen, 3, 6, 9, [6, 1, 4])))   # row 1 contributes nothing
    cases.append(_case("t-equals-2", *_batch(gen, 5, 2, 7, [2, 2, 1, 2, 2])))
    cases.append(_case("large-logits-1e3", *_batch(gen, 3, 8, 17, [8, 6, 3], scale=1e3)))
    logits, ids, mask = _batch(gen, 2, 6, 5, [6, 6])
    logits = logits.clamp(-1e3, 1e3)
    logits[:, :, 0] = 1e3                                         # one token takes all the mass; targets elsewhere
    logits[:, :, 1:] = -1e3
    cases.append(_case("saturated-logits", logits, ids, mask))
    cases.append(_case("vocab-256", *_batch(gen, 4, 16, 256, [16, 12, 9, 3], scale=4.0)))
    return cases

# No copies of the kv heads: reshape the query heads to (B, Hkv, G, T, dh) and attend per group, in NumPy.
import numpy as np
import torch


def gqa_prefill_attention(q, k, v):
    qn, kn, vn = q.numpy(), k.numpy(), v.numpy()
    b, h, t, dh = qn.shape
    hkv = kn.shape[1]
    qg = qn.reshape(b, hkv, h // hkv, t, dh)
    scores = np.einsum("bkgid,bkjd->bkgij", qg, kn) / np.sqrt(dh)
    scores = np.where(np.tril(np.ones((t, t), dtype=bool)), scores, -np.inf)
    weights = np.exp(scores - scores.max(axis=-1, keepdims=True))
    weights /= weights.sum(axis=-1, keepdims=True)
    out = np.einsum("bkgij,bkjd->bkgid", weights, vn)
    return torch.from_numpy(out.reshape(b, h, t, dh))

import numpy as np


def _quant(vec):
    # LLM.int8()-style multiplier form 127 / amax: same codes as dividing by the scale on these inputs.
    amax = float(np.max(np.abs(vec)))
    if amax == 0.0:
        return np.zeros(vec.shape, dtype=np.int32), 0.0
    q = np.clip(np.round(vec * (127.0 / amax)), -127, 127).astype(np.int32)
    return q, amax / 127.0


def kv_cache_quantize(k, v):
    B, H, T, d = k.shape
    kq = np.zeros((B, H, T, d), dtype=np.int32)
    vq = np.zeros((B, H, T, d), dtype=np.int32)
    ks = np.zeros((B, H, d))
    vs = np.zeros((B, H, T))
    for b in range(B):
        for h in range(H):
            for c in range(d):
                kq[b, h, :, c], ks[b, h, c] = _quant(k[b, h, :, c])
            for t in range(T):
                vq[b, h, t, :], vs[b, h, t] = _quant(v[b, h, t, :])
    return kq, ks, vq, vs, kq * ks[:, :, None, :], vq * vs[..., None]

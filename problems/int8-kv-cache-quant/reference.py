import numpy as np


def _symmetric_int8(x, axis):
    """Absmax int8 along `axis` (reduced away in the returned scales); zero-amax groups get scale 0, codes 0."""
    amax = np.abs(x).max(axis=axis, keepdims=True)
    scale = amax / 127.0
    safe = np.where(scale > 0, scale, 1.0)
    codes = np.clip(np.rint(x / safe), -127, 127).astype(np.int8)
    return codes, np.squeeze(scale, axis=axis), codes.astype(np.float64) * scale


def kv_cache_quantize(k, v):
    """KIVI-style int8: keys per channel (over time), values per token (over the head dim).

    k, v: (B, H, T, d). Returns (k_codes, k_scales (B, H, d), v_codes, v_scales (B, H, T), k_dequant, v_dequant).
    """
    k = np.asarray(k, dtype=np.float64)
    v = np.asarray(v, dtype=np.float64)
    k_codes, k_scales, k_hat = _symmetric_int8(k, axis=2)
    v_codes, v_scales, v_hat = _symmetric_int8(v, axis=3)
    return k_codes, k_scales, v_codes, v_scales, k_hat, v_hat

import numpy as np


def kv_cache_quantize(k, v):
    """Symmetric int8 KV-cache quantization, KIVI's grouping.

    k, v: float64 (B, H, T, d).
    Keys: one scale per (b, h, channel) over the time axis: k_scales (B, H, d) = max_t |k| / 127.
    Values: one scale per (b, h, token) over the head dim: v_scales (B, H, T) = max_c |v| / 127.
    codes = clip(round_half_even(x / scale), -127, 127) as int8; zero amax: scale 0, codes 0.
    Return (k_codes, k_scales, v_codes, v_scales, k_dequant, v_dequant), dequant = codes * scale.
    """
    raise NotImplementedError

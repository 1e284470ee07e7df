import torch


def transformer_block(x, attn_norm_w, Wq, Wk, Wv, Wo, ffn_norm_w, W1, W3, W2, n_heads, eps=1e-6):
    """One pre-norm decoder block (LLaMA style), float64, row vectors times weights, no biases.

    x: (B, T, D). attn_norm_w, ffn_norm_w: (D,). Wq, Wk, Wv: (D, D). Wo: (D, D). W1, W3: (D, F). W2: (F, D).
    h = x + MHA(RMSNorm(x)) with causal softmax(q k^T / sqrt(D / n_heads)), head h = columns h*dh:(h+1)*dh;
    y = h + (silu(RMSNorm(h) @ W1) * (RMSNorm(h) @ W3)) @ W2. RMSNorm(z) = z / sqrt(mean(z^2) + eps) * w.
    Returns y: (B, T, D).
    """
    return None

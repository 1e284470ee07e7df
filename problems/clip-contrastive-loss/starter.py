import torch


def clip_loss(image_emb: torch.Tensor, text_emb: torch.Tensor, temperature: float) -> torch.Tensor:
    """CLIP loss.

    image_emb, text_emb: float64 tensors (B, d), row i of each is a matching pair; temperature: float > 0.
    L2-normalise the rows, logits = img @ txt.T / temperature, and return
    (CE(logits, arange(B)) + CE(logits.T, arange(B))) / 2 as a 0-d tensor (or a Python float).
    """
    return None

import torch
import torch.nn.functional as F


def clip_loss(image_emb: torch.Tensor, text_emb: torch.Tensor, temperature: float) -> torch.Tensor:
    """Symmetric InfoNCE of CLIP: mean of the image->text and text->image cross-entropies (0-d float64 tensor)."""
    img = image_emb.to(torch.float64)
    txt = text_emb.to(torch.float64)
    img = img / img.norm(dim=1, keepdim=True)
    txt = txt / txt.norm(dim=1, keepdim=True)
    logits = img @ txt.T / temperature                 # (B, B): row i = image i against every text
    targets = torch.arange(logits.shape[0])            # the matching pair sits on the diagonal
    return (F.cross_entropy(logits, targets) + F.cross_entropy(logits.T, targets)) / 2

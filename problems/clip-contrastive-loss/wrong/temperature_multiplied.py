# Multiplies by the temperature instead of dividing (confusing it with CLIP's logit_scale = 1 / temperature).
import torch
import torch.nn.functional as F


def clip_loss(image_emb, text_emb, temperature):
    img = F.normalize(image_emb, dim=1)
    txt = F.normalize(text_emb, dim=1)
    logits = img @ txt.T * temperature
    targets = torch.arange(logits.shape[0])
    return (F.cross_entropy(logits, targets) + F.cross_entropy(logits.T, targets)) / 2

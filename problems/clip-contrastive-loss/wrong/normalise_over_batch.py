# Normalises over dim=0 (each feature across the batch, a habit from column-major layouts), not each embedding.
import torch
import torch.nn.functional as F


def clip_loss(image_emb, text_emb, temperature):
    img = F.normalize(image_emb, dim=0)
    txt = F.normalize(text_emb, dim=0)
    logits = img @ txt.T / temperature
    targets = torch.arange(logits.shape[0])
    return (F.cross_entropy(logits, targets) + F.cross_entropy(logits.T, targets)) / 2

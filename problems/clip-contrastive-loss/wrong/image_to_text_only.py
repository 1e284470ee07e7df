# Only the image->text direction: the text->image cross-entropy over the columns is dropped.
import torch
import torch.nn.functional as F


def clip_loss(image_emb, text_emb, temperature):
    img = F.normalize(image_emb, dim=1)
    txt = F.normalize(text_emb, dim=1)
    logits = img @ txt.T / temperature
    return F.cross_entropy(logits, torch.arange(logits.shape[0]))

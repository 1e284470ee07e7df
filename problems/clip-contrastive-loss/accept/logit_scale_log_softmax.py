# open_clip style: logit_scale = 1 / temperature, F.normalize, log_softmax along each axis.
import torch
import torch.nn.functional as F


def clip_loss(image_emb, text_emb, temperature):
    logit_scale = 1.0 / temperature
    logits_per_image = logit_scale * F.normalize(image_emb, dim=-1) @ F.normalize(text_emb, dim=-1).T
    idx = torch.arange(logits_per_image.shape[0])
    loss_i = -torch.log_softmax(logits_per_image, dim=1)[idx, idx].mean()
    loss_t = -torch.log_softmax(logits_per_image, dim=0)[idx, idx].mean()
    return 0.5 * (loss_i + loss_t)

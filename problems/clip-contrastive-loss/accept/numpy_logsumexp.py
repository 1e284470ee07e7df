# NumPy: cosine similarities, then each cross-entropy as logsumexp minus the diagonal; returns a Python float.
import numpy as np


def _logsumexp(x, axis):
    top = x.max(axis=axis, keepdims=True)
    return (top + np.log(np.exp(x - top).sum(axis=axis, keepdims=True))).squeeze(axis)


def clip_loss(image_emb, text_emb, temperature):
    img = image_emb.numpy()
    txt = text_emb.numpy()
    img = img / np.sqrt((img * img).sum(axis=1, keepdims=True))
    txt = txt / np.sqrt((txt * txt).sum(axis=1, keepdims=True))
    logits = (img / temperature) @ txt.T
    diag = np.diagonal(logits)
    image_to_text = np.mean(_logsumexp(logits, axis=1) - diag)
    text_to_image = np.mean(_logsumexp(logits, axis=0) - diag)
    return float((image_to_text + text_to_image) / 2)

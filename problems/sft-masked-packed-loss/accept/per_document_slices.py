# Unpack first: slice each document out of the pack, shift inside it, and accumulate one global sum and count.
import math


def sft_packed_loss(logits, tokens, loss_mask, doc_ids):
    ids = doc_ids.tolist()
    total, count = 0.0, 0
    start = 0
    for end in range(1, len(ids) + 1):
        if end < len(ids) and ids[end] == ids[start]:
            continue
        for t in range(start, end - 1):                  # inside [start, end): t predicts t + 1
            if loss_mask[t + 1]:
                row = logits[t].tolist()
                m = max(row)
                log_z = m + math.log(math.fsum(math.exp(x - m) for x in row))
                total += log_z - row[int(tokens[t + 1])]
                count += 1
        start = end
    return total / count if count else 0.0

def greedy_decode(log_probs, bos, eos, max_len):
    def step(last, budget):
        if budget == 0:
            return []
        row = [float(x) for x in log_probs[last]]
        best = max(range(len(row)), key=lambda t: (row[t], -t))
        return [best] if best == eos else [best] + step(best, budget - 1)

    return step(bos, max_len)

import numpy as np


def _orders(p, m, schedule):
    """The op sequence ("F" or "B", micro-batch) each stage runs."""
    orders = []
    for i in range(p):
        if schedule == "gpipe":
            ops = [("F", j) for j in range(m)] + [("B", j) for j in range(m)]
        else:
            warm = min(p - 1 - i, m)
            ops = [("F", j) for j in range(warm)]
            for j in range(m - warm):
                ops += [("F", warm + j), ("B", j)]
            ops += [("B", j) for j in range(m - warm, m)]
        orders.append(ops)
    return orders


def _simulate(p, m, tf, tb, schedule):
    orders = _orders(p, m, schedule)
    finish, pos, free = {}, [0] * p, [0.0] * p
    pending = sum(len(o) for o in orders)
    while pending:
        for i in range(p):
            while pos[i] < len(orders[i]):
                kind, j = orders[i][pos[i]]
                if kind == "F":
                    dep = (i - 1, "F", j) if i > 0 else None
                else:
                    dep = (i + 1, "B", j) if i < p - 1 else (i, "F", j)
                if dep is not None and dep not in finish:
                    break
                start = max(free[i], finish[dep] if dep else 0.0)
                free[i] = finish[(i, kind, j)] = start + (tf if kind == "F" else tb)
                pos[i] += 1
                pending -= 1
    total = max(free)
    peaks = []
    for ops in orders:
        held = peak = 0
        for kind, _ in ops:
            held += 1 if kind == "F" else -1
            peak = max(peak, held)
        peaks.append(peak)
    busy = m * (tf + tb)
    return {"total_time": total, "bubble_fraction": 1.0 - busy / total,
            "peak_in_flight": np.array(peaks, dtype=np.int64)}


def pipeline_bubble(p, m, tf, tb):
    return {"gpipe": _simulate(p, m, tf, tb, "gpipe"), "1f1b": _simulate(p, m, tf, tb, "1f1b")}

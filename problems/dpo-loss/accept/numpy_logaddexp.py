# NumPy: -log(sigmoid(x)) = log(1 + exp(-x)) = logaddexp(0, -x), computed stably; return a Python float.
import numpy as np


def dpo_loss(policy_chosen_logps, policy_rejected_logps, ref_chosen_logps, ref_rejected_logps, beta=0.1):
    pc, pr = policy_chosen_logps.numpy(), policy_rejected_logps.numpy()
    rc, rr = ref_chosen_logps.numpy(), ref_rejected_logps.numpy()
    x = beta * ((pc - rc) - (pr - rr))
    return float(np.mean(np.logaddexp(0.0, -x)))

# NumPy: log(1 + exp(r - c)) = logaddexp(0, r - c); returns a Python float.
import numpy as np


def bradley_terry_loss(chosen_rewards, rejected_rewards):
    return float(np.mean(np.logaddexp(0.0, rejected_rewards.numpy() - chosen_rewards.numpy())))

# Reads dones as "a new episode starts at step t" (CleanRL's next_done bookkeeping misapplied): the mask for
# step t comes from dones[t + 1], so every cut lands one step too early.
import numpy as np


def gae(rewards, values, dones, last_value, gamma=0.99, lam=0.95):
    T = rewards.shape[0]
    advantages = np.zeros_like(rewards, dtype=np.float64)
    running = np.zeros(rewards.shape[1])
    for t in reversed(range(T)):
        if t == T - 1:
            alive, next_value = 1.0, last_value
        else:
            alive, next_value = 1.0 - dones[t + 1], values[t + 1]
        delta = rewards[t] + gamma * next_value * alive - values[t]
        running = delta + gamma * lam * alive * running
        advantages[t] = running
    return advantages, advantages + values

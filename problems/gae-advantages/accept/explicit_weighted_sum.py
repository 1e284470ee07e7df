# The definition, not the recursion: A_t = sum_l (gamma*lam)^l delta_{t+l}, stopping after the step that ends
# the episode. One environment and one start step at a time (O(T^2), fine for rollouts this size).
import numpy as np


def gae(rewards, values, dones, last_value, gamma=0.99, lam=0.95):
    T, N = rewards.shape
    advantages = np.empty((T, N))
    for n in range(N):
        next_values = np.append(values[1:, n], last_value[n])
        deltas = [rewards[t, n] + (0.0 if dones[t, n] else gamma * next_values[t]) - values[t, n] for t in range(T)]
        for t in range(T):
            total, weight = 0.0, 1.0
            for s in range(t, T):
                total += weight * deltas[s]
                if dones[s, n]:
                    break
                weight *= gamma * lam
            advantages[t, n] = total
    return advantages, advantages + values

def clamp(x):
    return max(0, min(255, x))

def apply(x):
    return x - 1

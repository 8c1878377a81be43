def rank(items):
    return sorted(items)

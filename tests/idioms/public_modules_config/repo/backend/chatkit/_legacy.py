def old():
    return None

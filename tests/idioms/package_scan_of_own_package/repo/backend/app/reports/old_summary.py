def summary():
    return None

def sync():
    return None

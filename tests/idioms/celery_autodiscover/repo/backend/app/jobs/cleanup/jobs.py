def purge():
    return None

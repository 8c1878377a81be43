def old_encode(key):
    return key

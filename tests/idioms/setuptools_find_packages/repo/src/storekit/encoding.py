def encode(key):
    return key


def reserialize_v2_key(key):
    return key

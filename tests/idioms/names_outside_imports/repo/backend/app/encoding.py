from app.stores.redis import RedisStore


def encode(value):
    return RedisStore, value


def reserialize_v2_key(key):
    return key


def _pad(key):
    return key

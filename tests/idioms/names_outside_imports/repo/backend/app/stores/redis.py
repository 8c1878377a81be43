class RedisStoreConfig:
    pass


class RedisStore:
    def __init__(self, config):
        self.config = config

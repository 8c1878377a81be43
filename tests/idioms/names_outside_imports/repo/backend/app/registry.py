STORE_CLASSES = {
    "redis": "app.stores.redis.RedisStore",
}

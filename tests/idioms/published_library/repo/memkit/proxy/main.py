from memkit.client import Client


class Proxy(Client):
    pass

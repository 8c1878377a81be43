from importlib import import_module

__all__ = ["user", "order"]


def __getattr__(name):
    return import_module(f".{name}", __name__)

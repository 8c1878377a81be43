import importlib


def fetch_versioned_implementation(module: str, attribute: str):
    return getattr(importlib.import_module(module), attribute)

import importlib


def run(name: str):
    return importlib.import_module(name).main()

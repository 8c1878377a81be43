import importlib
import os

from fastapi import FastAPI

app = FastAPI()


def get_runtime_cls(name: str):
    # runtimes are found by convention: app.runtimes.<name>.<name>_runtime defines <Name>Runtime
    module = importlib.import_module(f"app.runtimes.{name}.{name}_runtime")
    return getattr(module, f"{name.capitalize()}Runtime")


RUNTIME = get_runtime_cls(os.environ.get("RUNTIME", "docker"))

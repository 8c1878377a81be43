"""Importing every domain and benchmark subpackage registers it: drop a folder here, edit nothing."""

import importlib
import pkgutil


def _iter_subpackages(package):
    for info in pkgutil.iter_modules(package.__path__, prefix=f"{package.__name__}."):
        if info.ispkg:
            yield info.name


def discover_suites():
    import app.suites as _suites  # self-import for __path__

    found = []
    for domain in _iter_subpackages(_suites):
        pkg = importlib.import_module(domain)
        for bench in _iter_subpackages(pkg):
            found.append(importlib.import_module(bench))
    return found

import importlib
import pkgutil

import app.reports as reports


def _load(package):
    return [importlib.import_module(m.name) for m in pkgutil.iter_modules(package.__path__)]


def load_tools():
    return reports.TITLE, _load

import importlib
import pkgutil

DEFAULT_MIGRATIONS_PACKAGE = "app.db.migrations"
SETTINGS_MODULE = "app.db.settings"


def discover(package_name: str = DEFAULT_MIGRATIONS_PACKAGE):
    package = importlib.import_module(package_name)
    package_path = getattr(package, "__path__", None)
    found = []
    for info in pkgutil.iter_modules(package_path):
        module = importlib.import_module(f"{package_name}.{info.name}")
        found.append(module.build())
    return found


def count(package_name: str = DEFAULT_MIGRATIONS_PACKAGE) -> int:
    package = importlib.import_module(package_name)
    return sum(1 for _ in pkgutil.iter_modules(package.__path__))

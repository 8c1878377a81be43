import typing
from importlib import import_module

_dynamic_imports: typing.Dict[str, str] = {"Client": ".client", "Errors": ".errors"}


def __getattr__(attr_name: str) -> typing.Any:
    module_name = _dynamic_imports.get(attr_name)
    module = import_module(module_name, __package__)
    return getattr(module, attr_name)

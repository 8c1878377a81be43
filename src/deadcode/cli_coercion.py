"""Typer 0.29 coerces every command-line value through a pydantic ``TypeAdapter``, and importing
pydantic costs 0.12-0.15 s of every run: a quarter of a warm scan. deadcode's parameters are
enums, paths, strings, flags and lists of those, whose adapters only wrap typer's own coercion
functions (``coerce_cli_choice``, ``coerce_cli_path``, ``str``); those are called directly.
Any other parameter, and any value those functions reject, goes through typer's own path, so
values and error messages stay typer's. Another typer version is left alone."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from typing import Any, Callable

TESTED_TYPER = ("0.29.",)


class _NotDirect(Exception):
    """A value the direct path does not take: typer's adapter decides."""


def install() -> bool:
    """Route the parameters we know around pydantic; True when installed."""
    try:
        import typer
        from typer import _coercion, _param_types, core
    except ImportError:
        return False
    if not str(getattr(typer, "__version__", "")).startswith(TESTED_TYPER):
        return False
    original = getattr(_coercion, "build_runtime_param", None)
    needed = (
        getattr(_coercion, "RuntimeParam", None),
        getattr(_param_types, "coerce_cli_choice", None),
        getattr(_param_types, "coerce_cli_path", None),
        getattr(_param_types, "routes_to_path", None),
    )
    if original is None or None in needed or getattr(core, "build_runtime_param", None) is not original:
        return False
    runtime_param, coerce_choice, coerce_path, routes_to_path = needed
    from typer._click.exceptions import BadParameter as bad_parameter

    @dataclass(frozen=True)
    class DirectRuntimeParam(runtime_param):
        descriptor: Any = None
        leaf: Callable[[Any, Any, Any], Any] | None = None
        is_list: bool = False

        def _coerce_value(self, value: Any, param: Any, ctx: Any) -> Any:
            try:
                if self.is_list:
                    items = value if isinstance(value, (list, tuple)) else [value]
                    return [self.leaf(item, param, ctx) for item in items]
                return self.leaf(value, param, ctx)
            except (ValueError, AssertionError, _NotDirect):  # typer's adapter says why
                return original(self.descriptor)._coerce_value(value, param=param, ctx=ctx)

    def leaf_of(annotation: Any, info: Any) -> Callable[[Any, Any, Any], Any] | None:
        # the order of typer's build_leaf_adapter: enums first, then bool and str, then paths
        if isinstance(annotation, type) and issubclass(annotation, Enum):
            choices = list(annotation)

            def choice(value, param, ctx):
                return coerce_choice(value, choices=choices, case_sensitive=info.case_sensitive, ctx=ctx)

            return choice
        if annotation is bool or annotation is str:  # flags and text: as click gave them

            def plain(value, param, ctx):
                if type(value) is not annotation:
                    raise _NotDirect
                return value

            return plain
        if isinstance(annotation, type) and issubclass(annotation, Path) and routes_to_path(annotation, info):
            path_type = info.path_type if info.path_type is not None else annotation

            def path(value, param, ctx):
                if type(value) is str and path_type is Path:
                    value = Path(value)  # what pydantic's Path validator makes of a string
                elif not isinstance(value, Path):
                    raise _NotDirect
                try:
                    return coerce_path(value, info, path_type=path_type, param=param, ctx=ctx)
                except bad_parameter:  # its message names the value as typed: typer's says it
                    raise _NotDirect from None

            return path
        return None

    def build(descriptor: Any) -> Any:
        info = descriptor.parameter_info
        annotation = descriptor.annotation
        if descriptor.file_annotation is not None or getattr(info, "parser", None) is not None:
            return original(descriptor)
        is_list = getattr(annotation, "__origin__", None) is list
        if is_list and len(annotation.__args__) != 1:
            return original(descriptor)
        leaf = leaf_of(annotation.__args__[0] if is_list else annotation, info)
        if leaf is None:
            return original(descriptor)
        return DirectRuntimeParam(
            parameter_info=info, annotation=annotation, descriptor=descriptor, leaf=leaf, is_list=is_list
        )

    core.build_runtime_param = build
    return True

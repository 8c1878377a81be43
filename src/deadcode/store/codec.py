"""A data-only codec for dataclasses: objects <-> JSON values, every type checked on the way in.

Unlike pickle, decoding can only build the types the codec was made for: a cache restored from
another branch (or committed by a pull request) is data, never code. Each dataclass becomes a
JSON array of its field values in declaration order; tuples and lists become arrays; ``None``,
strings, numbers and booleans stay as they are. A union of several array-shaped types (two
dataclasses, a dataclass and a tuple) is written as ``[tag, value]``.

``Codec(T).decode(value)`` raises ``CodecError`` on anything that does not match ``T`` exactly
(a wrong type, a missing field, an extra field): the caller drops the record. Decoders are
generated once per type from its annotations (our own source, never the data), because the
facts of a 10,000-file repository are two million values and a generic walk would make a warm
run after one edit slower than the pickle it replaces.
"""

from __future__ import annotations

import dataclasses
import sys
import types
import typing
from collections.abc import Callable
from functools import cache
from typing import Any

__all__ = ["Codec", "CodecError", "codec"]


class CodecError(ValueError):
    """The data does not have the shape of the type it is decoded as."""


_PRIMITIVES = (str, int, float, bool, type(None))
_JSON_SCALARS = (str, int, float, bool, type(None))


def _fail(what: str, value: Any) -> CodecError:
    return CodecError(f"expected {what}, got {type(value).__name__}")


def _check_json(value: Any, depth: int = 0) -> Any:
    """A plain JSON value (for fields typed ``dict``/``list`` without parameters)."""
    if depth > 64:
        raise CodecError("nested too deeply")
    t = type(value)
    if t in _JSON_SCALARS:
        return value
    if t is list:
        return [_check_json(v, depth + 1) for v in value]
    if t is dict:
        for k, v in value.items():
            if type(k) is not str:
                raise _fail("a string key", k)
            _check_json(v, depth + 1)
        return value
    raise _fail("a JSON value", value)


def _is_array_shaped(tp: Any) -> bool:
    """Whether values of ``tp`` are written as JSON arrays (so unions of two need a tag)."""
    if dataclasses.is_dataclass(tp):
        return True
    origin = typing.get_origin(tp)
    return origin in (tuple, list) or tp in (tuple, list)


def _union_args(tp: Any) -> tuple | None:
    origin = typing.get_origin(tp)
    if origin is typing.Union or origin is types.UnionType:
        return typing.get_args(tp)
    return None


_SIMPLE = (str, int, bool)


def _simple_check(tp: Any, var: str) -> tuple[str, str] | None:
    """``(condition that is true for a bad value, expression of the decoded value)`` for types
    cheap enough to check inline (strings, ints, bools, optional ones, fixed tuples of them)."""
    if tp is str:  # interned: the facts of a large repository repeat each name ~10 times
        return f"type({var}) is not str", f"_intern({var})"
    if tp in _SIMPLE:
        return f"type({var}) is not {tp.__name__}", var
    if tp is type(None):
        return f"{var} is not None", "None"
    args = _union_args(tp)
    if args is not None and len(args) == 2 and type(None) in args:
        other = args[0] if args[1] is type(None) else args[1]
        if other is str:
            return (
                f"({var} is not None and type({var}) is not str)",
                f"({var} if {var} is None else _intern({var}))",
            )
        if other in _SIMPLE:
            return f"({var} is not None and type({var}) is not {other.__name__})", var
        return None
    if typing.get_origin(tp) is tuple:
        items = typing.get_args(tp)
        if items and items[-1] is not Ellipsis and all(a in _SIMPLE for a in items):
            conds = [f"type({var}) is not list", f"len({var}) != {len(items)}"]
            conds += [f"type({var}[{i}]) is not {a.__name__}" for i, a in enumerate(items)]
            values = (f"_intern({var}[{i}])" if a is str else f"{var}[{i}]" for i, a in enumerate(items))
            return " or ".join(conds), "(" + "".join(f"{v}, " for v in values) + ")"
    return None


class _Compiler:
    """Builds one encoder and one decoder function per type (dataclasses share theirs)."""

    def __init__(self) -> None:
        self.namespace: dict[str, Any] = {
            "CodecError": CodecError,
            "_fail": _fail,
            "_check_json": _check_json,
            "_new": object.__new__,
            "_intern": sys.intern,
        }
        self.decoders: dict[Any, str] = {}
        self.encoders: dict[Any, str] = {}
        self.sources: list[str] = []
        self.counter = 0

    def _name(self, prefix: str) -> str:
        self.counter += 1
        return f"_{prefix}{self.counter}"

    # ---------------------------------------------------------------- decoding
    def decoder(self, tp: Any) -> str:
        """The name of a function ``value -> object of tp`` (raising CodecError)."""
        key = tp
        if key in self.decoders:
            return self.decoders[key]
        name = self._name("dec")
        self.decoders[key] = name
        self.sources.append(self._decoder_source(name, tp))
        return name

    def _decoder_source(self, name: str, tp: Any) -> str:
        if tp is Any:
            return f"def {name}(v):\n    return _check_json(v)\n"
        if tp in _PRIMITIVES:
            return self._primitive_decoder(name, tp)
        if tp in (dict, list) or typing.get_origin(tp) is dict:
            return self._mapping_decoder(name, tp)
        if dataclasses.is_dataclass(tp):
            return self._dataclass_decoder(name, tp)
        args = _union_args(tp)
        if args is not None:
            return self._union_decoder(name, args)
        origin = typing.get_origin(tp)
        if origin in (tuple, list):
            return self._sequence_decoder(name, tp, origin)
        raise TypeError(f"codec: unsupported type {tp!r}")

    def _primitive_decoder(self, name: str, tp: type) -> str:
        if tp is type(None):
            return f"def {name}(v):\n    if v is not None:\n        raise _fail('null', v)\n    return None\n"
        if tp is float:  # JSON has one number type: 1.0 may come back as 1
            return (
                f"def {name}(v):\n    t = type(v)\n    if t is float:\n        return v\n"
                f"    if t is int:\n        return float(v)\n    raise _fail('a number', v)\n"
            )
        tname = tp.__name__
        self.namespace[f"_T_{tname}"] = tp
        return f"def {name}(v):\n    if type(v) is not _T_{tname}:\n        raise _fail({tname!r}, v)\n    return v\n"

    def _mapping_decoder(self, name: str, tp: Any) -> str:
        if tp is list:
            return f"def {name}(v):\n    if type(v) is not list:\n        raise _fail('a list', v)\n    return _check_json(v)\n"
        args = typing.get_args(tp)
        if not args or args[0] is not str:
            return f"def {name}(v):\n    if type(v) is not dict:\n        raise _fail('an object', v)\n    return _check_json(v)\n"
        val = self.decoder(args[1])
        return (
            f"def {name}(v):\n    if type(v) is not dict:\n        raise _fail('an object', v)\n"
            f"    return {{k: {val}(x) for k, x in v.items()}}\n"
        )

    def _sequence_decoder(self, name: str, tp: Any, origin: type) -> str:
        args = typing.get_args(tp)
        wrap = "tuple" if origin is tuple else "list"
        if origin is tuple and args and args[-1] is not Ellipsis:  # fixed length: tuple[str, int]
            decs = [self.decoder(a) for a in args]
            items = ", ".join(f"{d}(v[{i}])" for i, d in enumerate(decs))
            return (
                f"def {name}(v):\n    if type(v) is not list or len(v) != {len(decs)}:\n"
                f"        raise _fail('an array of {len(decs)}', v)\n    return ({items},)\n"
            )
        item = args[0] if args else Any
        head = f"def {name}(v):\n    if type(v) is not list:\n        raise _fail('an array', v)\n"
        simple = _simple_check(item, "x")
        if simple is not None and simple[1] == "x":  # one type check per item, the list reused
            return (
                head
                + f"    for x in v:\n        if {simple[0]}:\n            raise _fail('{_label(item)}', x)\n"
                f"    return {wrap}(v)\n"
            )
        if simple is not None:
            return (
                head + f"    out = []\n    for x in v:\n        if {simple[0]}:\n"
                f"            raise _fail('{_label(item)}', x)\n        out.append({simple[1]})\n    return {wrap}(out)\n"
            )
        dec = self.decoder(item)
        return head + f"    return {wrap}([{dec}(x) for x in v]) if v else {wrap}()\n"

    def _union_decoder(self, name: str, args: tuple) -> str:
        arrays = [a for a in args if _is_array_shaped(a)]
        lines = [f"def {name}(v):", "    t = type(v)"]
        for a in args:
            if a in _PRIMITIVES:
                if a is type(None):
                    lines.append("    if v is None:\n        return None")
                elif a is float:
                    lines.append("    if t is float:\n        return v")
                else:
                    self.namespace[f"_T_{a.__name__}"] = a
                    lines.append(f"    if t is _T_{a.__name__}:\n        return v")
        if float in args and int not in args:
            lines.append("    if t is int:\n        return float(v)")
        dicts = [a for a in args if a is dict or typing.get_origin(a) is dict]
        for a in dicts:
            lines.append(f"    if t is dict:\n        return {self.decoder(a)}(v)")
        if len(arrays) == 1:
            lines.append(f"    if t is list:\n        return {self.decoder(arrays[0])}(v)")
        elif arrays:
            decs = [self.decoder(a) for a in arrays]
            lines.append("    if t is list and len(v) == 2 and type(v[0]) is int:")
            for i, d in enumerate(decs):
                lines.append(f"        if v[0] == {i}:\n            return {d}(v[1])")
        lines.append("    raise _fail('one of the union types', v)")
        return "\n".join(lines) + "\n"

    def _dataclass_decoder(self, name: str, cls: type) -> str:
        hints = typing.get_type_hints(cls)
        fields = [f for f in dataclasses.fields(cls) if f.init]
        cname = f"_C_{cls.__name__}_{self.counter}"
        self.namespace[cname] = cls
        n = len(fields)
        lines = [
            f"def {name}(v):",
            f"    if type(v) is not list or len(v) != {n}:",
            f"        raise _fail('{cls.__name__} ({n} fields)', v)",
        ]
        values = []
        lines.append("    " + ", ".join(f"x{i}" for i in range(n)) + (", = v" if n == 1 else " = v"))
        for i, f in enumerate(fields):
            tp = hints[f.name]
            simple = _simple_check(tp, f"x{i}")
            item = _homogeneous_item(tp)
            if simple is not None:  # inline: most fields are strings, ints and spans
                lines.append(f"    if {simple[0]}:\n        raise _fail('{f.name}: {_label(tp)}', x{i})")
                values.append(simple[1])
            elif item is not None:  # a tuple of strings: one loop here, no call
                lines.append(
                    f"    if type(x{i}) is not list:\n        raise _fail('{f.name}: an array', x{i})"
                )
                lines.append(
                    f"    for y in x{i}:\n        if type(y) is not {item.__name__}:\n"
                    f"            raise _fail('{f.name}: {item.__name__}', y)"
                )
                values.append(f"tuple(map(_intern, x{i}))" if item is str else f"tuple(x{i})")
            else:
                values.append(f"{self.decoder(tp)}(x{i})")
        # a frozen dataclass whose __init__ only assigns its fields can be built without it
        bare = (
            cls.__dataclass_params__.frozen
            and not _has_post_init(cls)
            and all(f.init for f in dataclasses.fields(cls))
        )
        if bare and not hasattr(cls, "__slots__"):
            # frozen dataclasses assign through object.__setattr__ field by field; giving the
            # instance its dict directly builds the same object several times faster
            self.namespace["_setattr"] = object.__setattr__
            body = ", ".join(f"{f.name!r}: {val}" for f, val in zip(fields, values))
            lines.append(f"    o = _new({cname})")
            lines.append(f"    _setattr(o, '__dict__', {{{body}}})")
            lines.append("    return o")
        elif bare and "__slots__" in cls.__dict__:
            # a slotted frozen dataclass: each slot's own descriptor sets it, as __init__ would
            # through object.__setattr__ but without the call per field
            lines.append(f"    o = _new({cname})")
            for f, val in zip(fields, values):
                setter = f"_set_{cname}_{f.name}"
                self.namespace[setter] = cls.__dict__[f.name].__set__
                lines.append(f"    {setter}(o, {val})")
            lines.append("    return o")
        else:
            lines.append(f"    return {cname}({', '.join(values)})")
        return "\n".join(lines) + "\n"

    # ---------------------------------------------------------------- encoding
    def encoder(self, tp: Any) -> str:
        if tp in self.encoders:
            return self.encoders[tp]
        name = self._name("enc")
        self.encoders[tp] = name
        self.sources.append(self._encoder_source(name, tp))
        return name

    def _encoder_source(self, name: str, tp: Any) -> str:
        if tp is Any or tp in _PRIMITIVES or tp in (dict, list):
            return f"def {name}(o):\n    return o\n"
        if typing.get_origin(tp) is dict:
            args = typing.get_args(tp)
            if not args:
                return f"def {name}(o):\n    return o\n"
            val = self.encoder(args[1])
            return f"def {name}(o):\n    return {{k: {val}(x) for k, x in o.items()}}\n"
        if dataclasses.is_dataclass(tp):
            hints = typing.get_type_hints(tp)
            fields = [f for f in dataclasses.fields(tp) if f.init]
            parts = []
            for f in fields:
                ftp = hints[f.name]
                if ftp in _PRIMITIVES:
                    parts.append(f"o.{f.name}")
                else:
                    parts.append(f"{self.encoder(ftp)}(o.{f.name})")
            return f"def {name}(o):\n    return [{', '.join(parts)}]\n"
        args = _union_args(tp)
        if args is not None:
            arrays = [a for a in args if _is_array_shaped(a)]
            lines = [f"def {name}(o):"]
            for i, a in enumerate(arrays):
                enc = self.encoder(a)
                check = self._instance_check(a)
                tagged = f"[{i}, {enc}(o)]" if len(arrays) > 1 else f"{enc}(o)"
                lines.append(f"    if {check}:\n        return {tagged}")
            for a in args:
                if typing.get_origin(a) is dict:
                    lines.append(f"    if type(o) is dict:\n        return {self.encoder(a)}(o)")
            lines.append("    return o")
            return "\n".join(lines) + "\n"
        origin = typing.get_origin(tp)
        if origin in (tuple, list):
            args = typing.get_args(tp)
            if origin is tuple and args and args[-1] is not Ellipsis:
                items = ", ".join(f"{self.encoder(a)}(o[{i}])" for i, a in enumerate(args))
                return f"def {name}(o):\n    return [{items}]\n"
            item = args[0] if args else Any
            if item in _PRIMITIVES or item is Any:
                return f"def {name}(o):\n    return list(o)\n"
            enc = self.encoder(item)
            return f"def {name}(o):\n    return [{enc}(x) for x in o]\n"
        raise TypeError(f"codec: unsupported type {tp!r}")

    def _instance_check(self, tp: Any) -> str:
        if dataclasses.is_dataclass(tp):
            cname = f"_I_{tp.__name__}_{id(tp)}"
            self.namespace[cname] = tp
            return f"type(o) is {cname}"
        origin = typing.get_origin(tp) or tp
        return "type(o) is tuple" if origin is tuple else "type(o) is list"

    def build(self, root: Any) -> tuple[Callable[[Any], Any], Callable[[Any], Any]]:
        dec = self.decoder(root)
        enc = self.encoder(root)
        # the source is generated from our own type annotations, never from the data decoded
        source = "\n".join(self.sources)
        exec(compile(source, f"<codec {getattr(root, '__name__', root)}>", "exec"), self.namespace)  # noqa: S102
        return self.namespace[enc], self.namespace[dec]


def _homogeneous_item(tp: Any) -> type | None:
    """``str`` for ``tuple[str, ...]`` (and likewise int, bool), else None."""
    if typing.get_origin(tp) is tuple:
        args = typing.get_args(tp)
        if len(args) == 2 and args[1] is Ellipsis and args[0] in _SIMPLE:
            return args[0]
    return None


def _label(tp: Any) -> str:
    return getattr(tp, "__name__", None) or str(tp).replace("'", "")


def _has_post_init(cls: type) -> bool:
    return hasattr(cls, "__post_init__")


class Codec:
    """Encoder and validating decoder for one (dataclass) type; see the module doc."""

    def __init__(self, tp: Any):
        self.type = tp
        self._encode, self._decode = _Compiler().build(tp)

    def encode(self, obj: Any) -> Any:
        return self._encode(obj)

    def decode(self, value: Any) -> Any:
        try:
            return self._decode(value)
        except CodecError:
            raise
        except (TypeError, ValueError, IndexError, KeyError, AttributeError, RecursionError) as exc:
            raise CodecError(f"{type(exc).__name__}: {exc}") from None


@cache
def codec(tp: Any) -> Codec:
    """The codec of ``tp``, built once per process."""
    return Codec(tp)

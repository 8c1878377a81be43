"""Flag conditions against production values, and what every environment sets for a flag."""

from __future__ import annotations

from dataclasses import dataclass

from deadcode.facts.model import Condition
from deadcode.graph.context import Context

_FALSE_WORDS = {"", "false", "0", "no", "off", "none", "null"}


def _same(a, b) -> bool:
    if isinstance(a, bool) or isinstance(b, bool):
        return _truthy(a) == _truthy(b)
    return str(a) == str(b)


def _truthy(v) -> bool:
    if isinstance(v, str):
        return v.strip().lower() not in _FALSE_WORDS
    return bool(v)


def condition_holds(c: Condition, value) -> bool:
    """Whether condition ``c`` is true when its flag has ``value``."""
    if c.op == "==":
        r = bool(c.values) and _same(value, c.values[0])
    elif c.op == "!=":
        r = not (bool(c.values) and _same(value, c.values[0]))
    elif c.op == "in":
        r = any(_same(value, v) for v in c.values)
    elif c.op == "not-in":
        r = not any(_same(value, v) for v in c.values)
    elif c.op == "truthy":
        r = _truthy(value)
    elif c.op == "falsy":
        r = not _truthy(value)
    else:
        return True  # a predicate we do not model is never assumed false
    return not r if c.negated else r


def conditions_may_hold(conditions: tuple[Condition, ...], flags: dict) -> bool:
    """True unless, for some flag, no production value satisfies every condition on it.
    Flags without a configured production value may take any value: never assumed off."""
    by_name: dict[str, list[Condition]] = {}
    for c in conditions:
        if c.op == "unknown" or not c.name or c.name not in flags:
            continue
        by_name.setdefault(c.name, []).append(c)
    for name, conds in by_name.items():
        values = flags[name]
        if not any(all(condition_holds(c, v) for c in conds) for v in values):
            return False
    return True


@dataclass(frozen=True)
class FlagSetting:
    source: str  # file:line
    where: str  # "Settings default", "Helm values", "docker-compose", ".env"
    value: str | None


def flag_table(ctx: Context, name: str) -> list[FlagSetting]:
    """What each environment sets for flag ``name``: the Settings default, every Helm values
    file feeding the env var, docker-compose and .env files."""
    rows: list[FlagSetting] = []
    hit = ctx.settings_fields.get(name)
    if hit:
        path, _cls, fld = hit
        default = fld.default if not hasattr(fld.default, "parts") else fld.default.text()
        rows.append(
            FlagSetting(f"{path}:{fld.line}", "Settings default", None if default is None else str(default))
        )
    env_name = name.upper()
    for path, line, value, values_key in ctx.env_sources.get(env_name, []):
        if values_key:
            for vpath, vline, vvalue in ctx.values.get(values_key, []):
                rows.append(FlagSetting(f"{vpath}:{vline}", f"Helm values {values_key}", vvalue))
        else:
            kind = (
                "docker-compose"
                if "compose" in path
                else (".env" if ".env" in path or path.endswith(".env") else "Helm template")
            )
            rows.append(FlagSetting(f"{path}:{line}", kind, value))
    seen, unique = set(), []
    for r in rows:  # several templates may set the env var from the same values key
        if (r.source, r.value) not in seen:
            seen.add((r.source, r.value))
            unique.append(r)
    return unique


def format_table(name: str, rows: list[FlagSetting]) -> list[str]:
    return [f"flag {name}: {r.source} ({r.where}) = {r.value!r}" for r in rows]

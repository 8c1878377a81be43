"""How ``deadcode ... --help`` looks: arguments by their upper-case names (``TARGET [ROOT]``, not
typer's ``{target} <str>``), option values by a word saying what they take (``FILE``, ``KINDS``),
and each command's example kept on its own lines."""

from __future__ import annotations

from typer.core import TyperCommand, TyperGroup


def _argument_name(param) -> str:
    return param.metavar or param.name.upper()


class Command(TyperCommand):
    def collect_usage_pieces(self, ctx) -> list[str]:
        pieces = [self.options_metavar] if self.options_metavar else []
        for param in self.get_params(ctx):
            if param.param_type_name == "argument":
                name = _argument_name(param)
                pieces.append(name if param.required else f"[{name}]")
        return pieces

    def format_options(self, ctx, formatter) -> None:
        args, opts = [], []
        for param in self.get_params(ctx):
            if param.param_type_name == "argument":
                extra = []
                if param.required:
                    extra.append("required")
                elif param.default is not None and param.show_default:
                    extra.append(f"default: {param.default}")
                help_text = (param.help or "") + (f"  [{'; '.join(extra)}]" if extra else "")
                args.append((_argument_name(param), help_text))
            elif param.param_type_name == "option":
                rv = param.get_help_record(ctx)
                if rv is not None:
                    opts.append(rv)
        if args:
            with formatter.section("Arguments"):
                formatter.write_dl(args)
        if opts:
            with formatter.section("Options"):
                formatter.write_dl(opts)


class Group(TyperGroup):
    def format_commands(self, ctx, formatter) -> None:
        rows = []
        for name in self.list_commands(ctx):
            cmd = self.get_command(ctx, name)
            if cmd is not None and not cmd.hidden:
                rows.append((name, cmd.short_help or cmd.get_short_help_str(200)))
        if rows:
            with formatter.section("Commands"):
                formatter.write_dl(rows)

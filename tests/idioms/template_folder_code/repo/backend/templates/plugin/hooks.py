"""Copied into each new agent workspace by the CLI."""


def on_start(ctx):
    return ctx

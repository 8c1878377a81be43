"""Process-level guards for the command line: closed standard streams and Ctrl-C.

- A standard stream closed by the caller (``deadcode scan >&-``) would make the next file
  deadcode opens (the cache database, a baseline) take its descriptor, so that anything
  printed lands in that file. ``guard_standard_streams`` parks ``/dev/null`` on closed
  descriptors 0-2 first; with stdout closed, printed output is discarded after one warning,
  and commands whose whole point is their output fail with one line (``cli._write``).
- Ctrl-C: typer turns ``KeyboardInterrupt`` into a silent exit 130. deadcode's SIGINT handler
  is installed as the command line module loads: before ``main`` runs it prints
  ``deadcode: interrupted`` and exits 130 at once (nothing to clean up, no import traceback);
  afterwards it raises ``Interrupted`` so that pools and transactions unwind, and ``cli.main``
  prints the same line for the exit 130 that follows.
"""

from __future__ import annotations

import io
import os
import signal
import sys


class Interrupted(KeyboardInterrupt):
    """SIGINT (Ctrl-C) received by deadcode's handler (a KeyboardInterrupt: nothing on the way
    that catches ``Exception`` swallows it)."""


class _State:
    main_running = False  # False while the command line is still importing its modules
    interrupted = False


state = _State()


def say_interrupted() -> None:
    try:
        sys.stderr.write("deadcode: interrupted\n")
        sys.stderr.flush()
    except (OSError, ValueError, AttributeError):
        pass


def _on_sigint(signum, frame) -> None:
    state.interrupted = True
    if not state.main_running:  # still importing: nothing to clean up, no traceback to show
        say_interrupted()
        os._exit(130)
    raise Interrupted()


def install_interrupt_handler() -> None:
    # keep SIGINT ignored when the caller ignores it (a background job of a script)
    if signal.getsignal(signal.SIGINT) is signal.default_int_handler:
        signal.signal(signal.SIGINT, _on_sigint)


class _DiscardedStdout(io.TextIOWrapper):
    """stdout when the caller closed it: writes are dropped, with one warning on stderr."""

    warned = False

    def write(self, text: str) -> int:
        if text and not self.warned:
            type(self).warned = True
            try:
                sys.stderr.write("warning: stdout is closed: output discarded\n")
            except (OSError, ValueError, AttributeError):
                pass
        return len(text)


def guard_standard_streams(state) -> None:
    """Park /dev/null on closed descriptors 0, 1 and 2 (see the module doc); ``state.stdout_closed``
    tells the command line that stdout was closed."""
    for fd in (0, 1, 2):
        try:
            os.fstat(fd)
            continue
        except OSError:
            pass
        try:
            null = os.open(os.devnull, os.O_RDWR)
        except OSError:
            continue
        if null != fd:
            os.dup2(null, fd)
            os.close(null)
        if fd == 0:
            sys.stdin = open(fd, closefd=False)  # noqa: SIM115 - the process's stdin from now on
        elif fd == 1:
            state.stdout_closed = True
            sys.stdout = _DiscardedStdout(open(fd, "wb", closefd=False), encoding="utf-8")  # noqa: SIM115
        else:
            sys.stderr = open(fd, "w", closefd=False)  # noqa: SIM115

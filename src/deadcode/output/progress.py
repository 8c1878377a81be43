"""The progress bar: on stderr only, over every stage of a run (files, parse, link, analyse,
plan), cleared when done. The CLI creates one only when stdout and stderr are both terminals
(never in CI, never with --quiet), so piped or redirected output never holds a bar.

It appears only once a run has lasted ``DELAY`` seconds: a short scan prints no flicker."""

from __future__ import annotations

import threading

DELAY = 0.3
STAGE_NAMES = {
    "files": "reading files",
    "facts": "parsing",
    "parse": "parsing",
    "link": "linking",
    "analyse": "analysing",
    "plan": "planning",
}


class Progress:
    def __init__(self, delay: float = DELAY) -> None:
        from rich.console import Console
        from rich.progress import (
            BarColumn,
            MofNCompleteColumn,
            Progress as RichProgress,
            TextColumn,
            TimeElapsedColumn,
        )

        self._bar = RichProgress(
            TextColumn("{task.description:<14}"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            console=Console(stderr=True),
            transient=True,
        )
        self._tasks: dict[str, int] = {}
        self._current: str | None = None
        self._lock = threading.Lock()
        self._started = False
        self._closed = False
        self._timer = threading.Timer(delay, self._start)
        self._timer.daemon = True
        self._timer.start()

    def _start(self) -> None:
        with self._lock:
            if not self._closed and not self._started:
                self._bar.start()
                self._started = True

    def __call__(self, stage: str, done: int = 0, total: int = 0) -> None:
        """``stage`` has done ``done`` of ``total`` units (``total`` 0: not counted, a pulse)."""
        with self._lock:
            if self._closed:
                return
            if stage != self._current:
                if self._current is not None:  # the previous stage is over
                    tid = self._tasks[self._current]
                    t = self._bar.tasks[tid]
                    self._bar.update(tid, total=t.total or 1, completed=t.total or 1)
                self._current = stage
                if stage not in self._tasks:
                    self._tasks[stage] = self._bar.add_task(
                        STAGE_NAMES.get(stage, stage), total=total or None
                    )
            self._bar.update(self._tasks[stage], completed=done, total=total or None)

    def close(self) -> None:
        """Stop and clear the bar (the terminal shows what it showed before)."""
        self._timer.cancel()
        with self._lock:
            self._closed = True
            if self._started:
                self._bar.stop()

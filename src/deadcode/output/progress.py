"""A rich progress bar on a terminal only (never in CI, never with --quiet)."""

from __future__ import annotations


class Progress:
    def __init__(self) -> None:
        from rich.progress import BarColumn, MofNCompleteColumn, Progress as RichProgress, TextColumn

        self._bar = RichProgress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), transient=True)
        self._tasks: dict[str, int] = {}
        self._started = False

    def __call__(self, stage: str, done: int, total: int) -> None:
        if total < 200:  # short scans finish before a bar helps
            return
        if not self._started:
            self._bar.start()
            self._started = True
        if stage not in self._tasks:
            self._tasks[stage] = self._bar.add_task(f"reading {stage}", total=total)
        self._bar.update(self._tasks[stage], completed=done)

    def close(self) -> None:
        if self._started:
            self._bar.stop()

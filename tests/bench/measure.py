"""Run one command and measure it: wall time, the largest process's peak RSS, the process tree's peak.

The command runs under ``/usr/bin/time -f %M`` when that exists: its "maximum resident set size"
is the largest single process of the tree (children count once reaped). Without it, ``os.wait4``
gives the same number, except that a forked child starts with this runner's own RSS before it
execs, so tiny commands read a few tens of MiB too high. deadcode forks worker processes that
share pages with their parent, so a sampler thread also sums the proportional set size (PSS:
shared pages divided among their sharers) of every process in the command's session, 10 times
a second; ``peak_mib`` is the larger of the two.
"""

from __future__ import annotations

import os
import signal
import statistics
import subprocess
import tempfile
import threading
import time
from dataclasses import asdict, dataclass
from pathlib import Path

SAMPLE_SECONDS = 0.1
GNU_TIME = "/usr/bin/time"
_PAGE_KIB = os.sysconf("SC_PAGE_SIZE") // 1024


@dataclass
class Run:
    seconds: float
    max_rss_mib: float  # largest single process (wait4 ru_maxrss)
    tree_mib: float  # peak sum of PSS over the process tree, sampled (0 when not sampled)
    exit_code: int
    stderr_tail: str = ""

    @property
    def peak_mib(self) -> float:
        return max(self.max_rss_mib, self.tree_mib)

    def as_dict(self) -> dict:
        return {**asdict(self), "peak_mib": round(self.peak_mib, 1)}


def _session_pids(sid: int) -> list[int]:
    pids = []
    for name in os.listdir("/proc"):
        if not name.isdigit():
            continue
        try:
            with open(f"/proc/{name}/stat", "rb") as f:
                stat = f.read()
        except OSError:
            continue
        # Fields after the parenthesised command name: state ppid pgrp session ...
        fields = stat[stat.rfind(b")") + 2 :].split()
        if len(fields) > 3 and int(fields[3]) == sid:
            pids.append(int(name))
    return pids


def _memory_kib(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/smaps_rollup", "rb") as f:
            for line in f:
                if line.startswith(b"Pss:"):
                    return int(line.split()[1])
    except (OSError, ValueError):
        pass
    try:
        with open(f"/proc/{pid}/statm", "rb") as f:
            return int(f.read().split()[1]) * _PAGE_KIB
    except (OSError, ValueError, IndexError):
        return 0


class _TreeSampler(threading.Thread):
    def __init__(self, sid: int) -> None:
        super().__init__(daemon=True)
        self.sid = sid
        self.peak_kib = 0
        self.stop = threading.Event()

    def run(self) -> None:
        while not self.stop.is_set():
            total = sum(_memory_kib(p) for p in _session_pids(self.sid))
            self.peak_kib = max(self.peak_kib, total)
            self.stop.wait(SAMPLE_SECONDS)


def measure(
    cmd: list[str],
    cwd: Path | None = None,
    stdout_path: Path | None = None,
    timeout: float = 900.0,
    sample_tree: bool = True,
) -> Run:
    """Run ``cmd`` to completion (killing its session after ``timeout`` seconds) and measure it."""
    sampler = None
    use_time = os.access(GNU_TIME, os.X_OK)
    with (
        tempfile.TemporaryFile() as err,
        tempfile.NamedTemporaryFile("r") as rss,
        open(stdout_path or os.devnull, "wb") as out,
    ):
        full = [GNU_TIME, "-f", "%M", "-o", rss.name, *cmd] if use_time else cmd
        start = time.perf_counter()
        try:
            proc = subprocess.Popen(
                full, cwd=cwd, stdout=out, stderr=err, stdin=subprocess.DEVNULL, start_new_session=True
            )
        except OSError as exc:
            return Run(0.0, 0.0, 0.0, 127, f"{cmd[0]}: {exc.strerror or exc}")
        if sample_tree and os.path.isdir("/proc"):
            sampler = _TreeSampler(proc.pid)
            sampler.start()
        killer = threading.Timer(timeout, lambda: _kill_session(proc.pid))
        killer.start()
        try:
            _, status, usage = os.wait4(proc.pid, 0)
        finally:
            killer.cancel()
        seconds = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        if sampler is not None:
            sampler.stop.set()
            sampler.join()
        err.seek(0)
        lines = [ln for ln in err.read().decode("utf-8", "replace").splitlines() if ln.strip()]
        max_rss_kib = usage.ru_maxrss
        if use_time:
            reported = rss.read().split()
            # GNU time writes "Command exited with non-zero status N" before the number.
            max_rss_kib = int(reported[-1]) if reported and reported[-1].isdigit() else max_rss_kib
    tail = lines[-1].strip()[:300] if lines else ""
    if proc.returncode in (-signal.SIGKILL, 128 + signal.SIGKILL) and seconds >= timeout:
        tail = f"killed after the {timeout:.0f} s timeout"
    return Run(
        round(seconds, 3),
        round(max_rss_kib / 1024, 1),
        round(sampler.peak_kib / 1024, 1) if sampler else 0.0,
        proc.returncode,
        tail,
    )


def _kill_session(pid: int) -> None:
    try:
        os.killpg(pid, signal.SIGKILL)  # the session we started: the command and its workers only
    except ProcessLookupError:
        pass


def summarize(runs: list[Run], ok_codes: tuple[int, ...]) -> dict:
    """Medians over the successful runs, or the error of the first failing one."""
    failed = [r for r in runs if r.exit_code not in ok_codes]
    summary = {"runs": [r.as_dict() for r in runs], "error": None}
    if failed:
        f = failed[0]
        summary["error"] = f"exit {f.exit_code}" + (f": {f.stderr_tail}" if f.stderr_tail else "")
    good = [r for r in runs if r.exit_code in ok_codes]
    if good and not failed:
        summary["median_seconds"] = round(statistics.median(r.seconds for r in good), 3)
        summary["min_seconds"] = round(min(r.seconds for r in good), 3)  # least disturbed by other load
        summary["peak_mib"] = round(statistics.median(r.peak_mib for r in good), 1)
        summary["max_rss_mib"] = round(statistics.median(r.max_rss_mib for r in good), 1)
    else:
        summary["median_seconds"] = summary["min_seconds"] = summary["peak_mib"] = summary["max_rss_mib"] = (
            None
        )
    return summary

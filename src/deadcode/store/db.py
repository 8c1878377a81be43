"""The cache file: one sqlite3 database of JSON records (no pickle: loading it runs no code).

Tables (``SCHEMA``):
- ``meta``: ``schema`` (this module's layout version) and ``facts_key`` (tool version + queries +
  extractor code digest, see ``facts.parsing.queries_version``). Facts written under another
  key are deleted on open, never reused.
- ``facts``: one row per analysed file, keyed by ``(path, digest)`` (the digest of the file's
  bytes), the value a JSON-encoded ``FileFacts`` (``store.codec``), and ``shape``: a digest of
  that JSON but for the file's digest and line count (``facts.cache.shape_of``), which the
  verdicts key is made of, so a run can be keyed without decoding any record.
- ``mentions``: the mention tokens of each file that is not parsed (docs, side texts), keyed by
  ``(path, digest)`` like facts, the value a JSON list of ``[token, line]`` pairs
  (``facts.cache.MentionsCache``); cleared with the facts when ``facts_key`` changes.
- ``verdicts``: the last run's findings, keyed by a digest of every input (``pipeline``).

A file that is not a sqlite database, or whose schema is not exactly ours (extra tables,
triggers, views, other columns) is deleted and made again: a restored or committed cache is
data to validate, never trusted. Each write is one transaction: an interrupted run leaves the
previous content (sqlite's journal rolls it back), never a torn file. Failures only cost
speed: they become one warning and the run goes on without the cache.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterable, Iterator
from pathlib import Path

from deadcode.store.location import STORE_FILE

SCHEMA_VERSION = "3"
SCHEMA = (
    "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
    "CREATE TABLE facts (path TEXT NOT NULL, digest TEXT NOT NULL, shape TEXT NOT NULL, data TEXT NOT NULL, "
    "PRIMARY KEY (path, digest))",
    "CREATE TABLE mentions (path TEXT NOT NULL, digest TEXT NOT NULL, data TEXT NOT NULL, "
    "PRIMARY KEY (path, digest))",
    "CREATE TABLE verdicts (key TEXT PRIMARY KEY, data TEXT NOT NULL)",
)
BUSY_SECONDS = 10.0  # another deadcode writing the same cache: wait this long, then skip the write


class StoreError(Exception):
    """The cache cannot be used: ``str()`` is one line."""


def _expected_master() -> list[tuple]:
    mem = sqlite3.connect(":memory:")
    try:
        for ddl in SCHEMA:
            mem.execute(ddl)
        return sorted(
            mem.execute("SELECT type, name, tbl_name, sql FROM sqlite_master").fetchall(),
            key=lambda r: (r[0], r[1]),
        )
    finally:
        mem.close()


class Store:
    """The cache database in ``folder`` (made on first write). Opened on first use."""

    def __init__(self, folder: Path, facts_key: str, shown: str | None = None):
        self.folder = Path(folder)
        self.path = self.folder / STORE_FILE
        self.shown = f"{shown}/{STORE_FILE}" if shown else str(self.path)  # how warnings name it
        self.facts_key = facts_key
        self.warnings: list[str] = []
        self._conn: sqlite3.Connection | None = None
        self._broken = False

    # ------------------------------------------------------------------ opening
    def _connect(self, create: bool) -> sqlite3.Connection | None:
        if self._conn is not None or self._broken:
            return self._conn
        if not create and not self.path.exists():
            return None
        try:
            if create:
                self.folder.mkdir(parents=True, exist_ok=True)
                _write_gitignore(self.folder)
            conn = self._open_checked()
        except (OSError, sqlite3.Error, StoreError) as exc:
            self._broken = True
            self.warnings.append(f"{self.shown}: cache not usable ({_reason(exc)}): running without it")
            return None
        self._conn = conn
        return conn

    def _open_checked(self) -> sqlite3.Connection:
        existed = self.path.exists()
        conn = None
        problem = None
        try:
            conn = _open(self.path)
            if existed:
                problem = _schema_problem(conn)
        except sqlite3.DatabaseError as exc:  # not a database at all (a pickle, a torn file)
            problem = f"not a deadcode cache ({_reason(exc)})"
        if problem is not None:
            if conn is not None:
                conn.close()
            self.warnings.append(f"{self.shown}: {problem}: cache cleared")
            _remove_store(self.path)
            conn = _open(self.path)
            existed = False
        if not existed:
            with conn:
                for ddl in SCHEMA:
                    conn.execute(ddl)
                conn.execute("INSERT INTO meta VALUES ('schema', ?)", (SCHEMA_VERSION,))
                conn.execute("INSERT INTO meta VALUES ('facts_key', ?)", (self.facts_key,))
        else:
            row = conn.execute("SELECT value FROM meta WHERE key = 'facts_key'").fetchone()
            if row is None or row[0] != self.facts_key:
                with conn:  # facts of another deadcode version or other queries: never reused
                    conn.execute("DELETE FROM facts")
                    conn.execute("DELETE FROM mentions")
                    conn.execute("INSERT OR REPLACE INTO meta VALUES ('facts_key', ?)", (self.facts_key,))
        return conn

    def close(self) -> None:
        if self._conn is not None:
            self._conn.close()
            self._conn = None

    # ------------------------------------------------------------------ facts
    def facts_rows(self) -> Iterator[tuple[str, str, str]]:
        """Every stored ``(path, digest, json)``."""
        return self._select("SELECT path, digest, data FROM facts")

    def facts_shapes(self) -> Iterator[tuple[str, str, str]]:
        """Every stored ``(path, digest, shape)``: no record is read."""
        return self._select("SELECT path, digest, shape FROM facts")

    def _select(self, sql: str) -> Iterator[tuple]:
        conn = self._connect(create=False)
        if conn is None:
            return iter(())
        try:
            return iter(conn.execute(sql).fetchall())
        except sqlite3.Error as exc:
            self._fail_read(exc)
            return iter(())

    def write_facts(
        self, put: dict[tuple[str, str], tuple[str, str]], drop: Iterable[tuple[str, str]]
    ) -> None:
        """Insert ``put`` (``(path, digest) -> (shape, json)``) and delete ``drop``, in one transaction."""
        self._write_keyed("facts", [(p, d, shape, data) for (p, d), (shape, data) in put.items()], drop)

    def _write_keyed(self, table: str, rows: list[tuple], drop: Iterable[tuple[str, str]]) -> None:
        """Insert ``rows`` into ``table`` (keyed by path and digest) and delete the ``drop`` keys,
        in one transaction; a failure is one warning."""
        drop = list(drop)
        if not rows and not drop:
            return
        conn = self._connect(create=True)
        if conn is None:
            return
        try:
            with _transaction(conn):
                if drop:
                    conn.executemany(f"DELETE FROM {table} WHERE path = ? AND digest = ?", drop)
                if rows:
                    marks = ", ".join("?" * len(rows[0]))
                    conn.executemany(f"INSERT OR REPLACE INTO {table} VALUES ({marks})", rows)
        except sqlite3.Error as exc:
            self.warnings.append(f"{self.shown}: cache not written ({_reason(exc)})")

    # ------------------------------------------------------------------ mentions
    def mentions_rows(self) -> Iterator[tuple[str, str, str]]:
        """Every stored ``(path, digest, json)`` of a file's mention tokens."""
        return self._select("SELECT path, digest, data FROM mentions")

    def write_mentions(self, put: dict[tuple[str, str], str], drop: Iterable[tuple[str, str]]) -> None:
        """Insert ``put`` (``(path, digest) -> json``) and delete ``drop``, in one transaction."""
        self._write_keyed("mentions", [(p, d, data) for (p, d), data in put.items()], drop)

    # ------------------------------------------------------------------ verdicts
    def verdicts(self, key: str) -> str | None:
        conn = self._connect(create=False)
        if conn is None:
            return None
        try:
            row = conn.execute("SELECT data FROM verdicts WHERE key = ?", (key,)).fetchone()
        except sqlite3.Error as exc:
            self._fail_read(exc)
            return None
        return row[0] if row and isinstance(row[0], str) else None

    def last_verdicts(self) -> str | None:
        """The verdicts of the last run whatever their key (their reads can still be reused)."""
        conn = self._connect(create=False)
        if conn is None:
            return None
        try:
            row = conn.execute("SELECT data FROM verdicts LIMIT 1").fetchone()
        except sqlite3.Error as exc:
            self._fail_read(exc)
            return None
        return row[0] if row and isinstance(row[0], str) else None

    def write_verdicts(self, key: str, data: str) -> None:
        """Keep only the verdicts of this run's inputs."""
        conn = self._connect(create=True)
        if conn is None:
            return
        try:
            with _transaction(conn):
                conn.execute("DELETE FROM verdicts")
                conn.execute("INSERT INTO verdicts VALUES (?, ?)", (key, data))
        except sqlite3.Error as exc:
            self.warnings.append(f"{self.shown}: cache not written ({_reason(exc)})")

    def drop_verdicts(self) -> None:
        conn = self._connect(create=False)
        if conn is not None:
            try:
                with _transaction(conn):
                    conn.execute("DELETE FROM verdicts")
            except sqlite3.Error:
                pass

    def _fail_read(self, exc: Exception) -> None:
        """A database that breaks while being read (a torn or crafted file): cleared."""
        self.warnings.append(f"{self.shown}: unreadable cache ({_reason(exc)}): cache cleared")
        self.close()
        try:
            _remove_store(self.path)
        except OSError:
            self._broken = True


class _transaction:
    """``BEGIN IMMEDIATE`` ... ``COMMIT`` (``ROLLBACK`` on error): one atomic write."""

    def __init__(self, conn: sqlite3.Connection):
        self.conn = conn

    def __enter__(self):
        self.conn.execute("BEGIN IMMEDIATE")
        return self.conn

    def __exit__(self, exc_type, exc, tb):
        if exc_type is None:
            self.conn.execute("COMMIT")
        else:
            try:
                self.conn.execute("ROLLBACK")
            except sqlite3.Error:
                pass
        return False


def _open(path: Path) -> sqlite3.Connection:
    conn = sqlite3.connect(str(path), timeout=BUSY_SECONDS, isolation_level=None, check_same_thread=False)
    try:
        # A crafted schema must not be able to call functions from views or triggers.
        conn.execute("PRAGMA trusted_schema = OFF")
        conn.execute("PRAGMA cell_size_check = ON")
        conn.execute("PRAGMA journal_mode = DELETE")
        conn.execute("PRAGMA synchronous = NORMAL")
    except sqlite3.Error:
        conn.close()
        raise
    return conn


def _schema_problem(conn: sqlite3.Connection) -> str | None:
    try:
        found = sorted(
            conn.execute("SELECT type, name, tbl_name, sql FROM sqlite_master").fetchall(),
            key=lambda r: (r[0], r[1]),
        )
    except sqlite3.DatabaseError as exc:
        return f"not a deadcode cache ({_reason(exc)})"
    if found != _expected_master():
        return "not a deadcode cache (unexpected schema)"
    try:
        row = conn.execute("SELECT value FROM meta WHERE key = 'schema'").fetchone()
    except sqlite3.Error as exc:
        return f"not a deadcode cache ({_reason(exc)})"
    if row is None or row[0] != SCHEMA_VERSION:
        return "cache of another deadcode version"
    return None


def _remove_store(path: Path) -> None:
    for suffix in ("", "-journal", "-wal", "-shm"):
        try:
            os.unlink(f"{path}{suffix}")
        except FileNotFoundError:
            pass


def _write_gitignore(folder: Path) -> None:
    """``*`` in the folder's .gitignore, so the cache is never committed by accident. Created
    exclusively and without following links: an existing entry is left alone."""
    path = folder / ".gitignore"
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
    try:
        fd = os.open(path, flags, 0o644)
    except FileExistsError:
        return
    with os.fdopen(fd, "w") as fh:
        fh.write("*\n")


def _reason(exc: Exception) -> str:
    if isinstance(exc, OSError):
        return exc.strerror or str(exc)
    return str(exc).splitlines()[0] if str(exc) else type(exc).__name__

"""The mentions of unparsed files (docs, side texts) are cached by (path, digest) like facts:
reused for the same bytes, made again after an edit, a row of the wrong shape dropped with a
warning, and the scan's result the same with or without the cache."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys

from deadcode.facts.cache import MentionsCache
from deadcode.facts.runner import _mentions_of_text
from deadcode.store.db import Store


def _counting():
    calls = []

    def compute(path, data):
        calls.append(path)
        return _mentions_of_text(path, data)

    return compute, calls


def test_same_bytes_are_not_tokenised_again_an_edited_file_is(tmp_path):
    docs = {
        "docs/api.md": b"Call `/api/items/{id}` or see app.workers.tasks\n",
        "README.md": b"Run `python -m app.main`\n",
    }
    compute, calls = _counting()
    first = MentionsCache(Store(tmp_path / "c", "k")).of(docs, compute)
    assert calls == ["docs/api.md", "README.md"]
    assert first == {p: _mentions_of_text(p, d) for p, d in docs.items()}
    assert ("app.workers.tasks", 1) in first["docs/api.md"]

    compute, calls = _counting()
    edited = dict(docs, **{"README.md": b"\nRun `python -m app.other`\n"})
    again = MentionsCache(Store(tmp_path / "c", "k")).of(edited, compute)
    assert calls == ["README.md"]  # only the edited file
    assert again == {p: _mentions_of_text(p, d) for p, d in edited.items()}
    assert list(again) == list(edited)  # the order of discovery

    rows = sqlite3.connect(tmp_path / "c" / "deadcode.sqlite").execute("SELECT path FROM mentions").fetchall()
    assert sorted(r[0] for r in rows) == ["README.md", "docs/api.md"]  # the stale version dropped


def test_a_row_of_the_wrong_shape_is_made_again_with_one_warning(tmp_path):
    docs = {"docs/a.md": b"see app.core.jobs\n", "docs/b.md": b"see app.core.other\n"}
    MentionsCache(Store(tmp_path / "c", "k")).of(docs, _mentions_of_text)
    conn = sqlite3.connect(tmp_path / "c" / "deadcode.sqlite")
    with conn:
        conn.execute("UPDATE mentions SET data = ? WHERE path = 'docs/a.md'", (json.dumps([["x", True]]),))
        conn.execute("UPDATE mentions SET data = '{' WHERE path = 'docs/b.md'")
    conn.close()
    store = Store(tmp_path / "c", "k")
    compute, calls = _counting()
    out = MentionsCache(store).of(docs, compute)
    assert sorted(calls) == ["docs/a.md", "docs/b.md"]
    assert out == {p: _mentions_of_text(p, d) for p, d in docs.items()}
    assert [w for w in store.warnings if "2 cached record(s) with the wrong shape" in w]


def test_a_new_facts_key_clears_the_mentions(tmp_path):
    docs = {"docs/a.md": b"see app.core.jobs\n"}
    MentionsCache(Store(tmp_path / "c", "k1")).of(docs, _mentions_of_text)
    compute, calls = _counting()
    MentionsCache(Store(tmp_path / "c", "k2")).of(docs, compute)  # another tokeniser's rows
    assert calls == ["docs/a.md"]


def _scan(root, *extra):
    out = subprocess.run(
        [sys.executable, "-m", "deadcode", "scan", str(root), "--format", "json", "--quiet", *extra],
        capture_output=True,
        text=True,
    )
    assert out.returncode in (0, 1), out.stderr
    data = json.loads(out.stdout)
    data["stats"].pop("seconds")
    return data


def test_a_doc_naming_a_module_keeps_it_unsure_with_or_without_the_cache(tmp_path):
    root = tmp_path / "repo"
    (root / "app").mkdir(parents=True)
    (root / "app" / "__init__.py").write_text("")
    (root / "app" / "main.py").write_text("from fastapi import FastAPI\napp = FastAPI()\n")
    (root / "app" / "jobs.py").write_text("def run():\n    return 1\n")
    (root / "docs").mkdir()
    doc = root / "docs" / "ops.md"
    doc.write_text("Nothing here.\n")
    cache = ["--cache-dir", str(tmp_path / "cache")]
    silent = _scan(root, *cache)
    doc.write_text("The nightly cron runs app.jobs\n")
    mentioned = _scan(root, *cache)
    assert mentioned == _scan(root, "--no-cache")
    assert mentioned != silent  # the edited doc was read again, not taken from the cache

    def verdict(data):
        return [f.get("confidence") for f in data["findings"] if f.get("path") == "app/jobs.py"]

    assert (verdict(silent), verdict(mentioned)) == (["certain"], ["unsure"])

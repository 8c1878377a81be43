"""The per-file facts cache: records keyed by (path, content digest) in the cache database.

Records are JSON (``store.codec``), never pickle: loading a cache committed by a pull request,
or restored in CI from another branch, cannot run code. Every record is validated as it is
decoded; one with the wrong shape (or claiming another path or digest than its key) is
dropped and re-read, with one warning for all of them. The database's key covers the tool
version, the queries and the extractors' code (``parsing.queries_version``), so upgrading
deadcode or editing a query or an extractor invalidates every record. Only the records this run
asks for are decoded, and a run whose verdicts are cached never opens the facts at all.
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from deadcode import __version__
from deadcode.facts.parsing import queries_version
from deadcode.store.codec import CodecError, codec

if TYPE_CHECKING:  # the model's hundred dataclasses: imported by the first record decoded, not by a warm run
    from deadcode.facts.model import FileFacts

Key = tuple[str, str]  # (path, digest)


@lru_cache(maxsize=1)
def facts_key() -> str:
    """Tool version + queries and extractor code (``queries_version``) + the codec's code: a
    record written by any other combination is never decoded."""
    import hashlib

    codec_src = (Path(__file__).resolve().parent.parent / "store" / "codec.py").read_bytes()
    return f"{__version__}-{queries_version()}-{hashlib.sha256(codec_src).hexdigest()[:8]}"


def encode_facts(facts: FileFacts) -> str:
    # ASCII escapes: a name or text that is not UTF-8 (kept as surrogates) stays storable
    return json.dumps(_facts_codec().encode(facts), separators=(",", ":"))


def decode_facts(text: str) -> FileFacts:
    """A validated FileFacts, or CodecError."""
    try:
        value = json.loads(text)
    except (ValueError, RecursionError, TypeError) as exc:
        raise CodecError(f"not JSON ({type(exc).__name__})") from None
    return _facts_codec().decode(value)


@lru_cache(maxsize=1)
def _facts_codec():
    from deadcode.facts.model import FileFacts

    return codec(FileFacts)


def shape_of(facts: FileFacts, text: str) -> str:
    """A digest of a record's JSON ``text`` but for the file's content digest and line count:
    equal for two versions of a file whose facts are equal (a comment added at the end, an edit
    inside a line). What the verdicts depend on is the rest: ``lines`` is read only by reports."""
    import hashlib

    head = json.dumps([facts.path, facts.lang, facts.digest, facts.lines], separators=(",", ":"))[:-1]
    # the codec writes a FileFacts as the array of its fields in order: the head is exact
    body = text[len(head) :] if text.startswith(head) else f"{facts.digest}\0{text}"
    h = hashlib.blake2b(digest_size=16)
    h.update(f"{facts.path}\0{facts.lang}\0".encode("utf-8", "surrogateescape"))
    h.update(body.encode("utf-8", "surrogateescape"))
    return h.hexdigest()


class FactsCache:
    """Facts of earlier runs. ``store`` is a ``store.db.Store`` or None (no cache)."""

    def __init__(self, store=None):
        self.store = store
        self.new: dict[Key, FileFacts] = {}
        self.encoded: dict[Key, str] = {}
        self.new_shapes: dict[Key, str] = {}
        self.used: set[Key] = set()
        self.stale: list[Key] = []
        self.warnings: list[str] = []
        self._looked = False
        self._unwanted: list[Key] | None = None  # stored records ``shapes`` found stale

    @property
    def warning(self) -> str | None:  # the first warning (older callers read one)
        return self.warnings[0] if self.warnings else None

    def shapes(self, keys: set[Key]) -> dict[Key, str]:
        """``shape_of`` of the stored records among ``keys``, without decoding any; the facts
        extracted in this run (``put``) count too. The stored records not among ``keys`` are
        stale, unless ``lookup`` runs after (it finds them again)."""
        out: dict[Key, str] = {}
        if self.store is not None:
            self._unwanted = []
            for path, file_digest, shape in self.store.facts_shapes():
                key = (path, file_digest)
                if key not in keys:
                    self._unwanted.append(key)
                elif isinstance(shape, str):
                    out[key] = shape
        out.update((k, v) for k, v in self.new_shapes.items() if k in keys)
        return out

    def lookup(self, keys: set[Key]) -> dict[Key, FileFacts]:
        """The cached facts among ``keys`` (stored, or extracted in this run); every stored
        record not among them is stale."""
        self._looked = True
        hits: dict[Key, FileFacts] = {k: f for k, f in self.new.items() if k in keys}
        if self.store is None:
            return hits
        bad = 0
        for path, file_digest, text in self.store.facts_rows():
            key = (path, file_digest)
            if key not in keys:
                self.stale.append(key)
                continue
            if key in hits:
                continue
            try:
                facts = decode_facts(text) if isinstance(text, str) else None
            except CodecError:
                facts = None
            if facts is None or facts.path != path or facts.digest != file_digest:
                bad += 1
                self.stale.append(key)
                continue
            hits[key] = facts
        if bad:
            self.warnings.append(
                f"{self.store.shown}: {bad} cached record(s) with the wrong shape dropped and re-read"
            )
        self.used |= set(hits)
        return hits

    def get(self, key: Key) -> FileFacts | None:
        return self.lookup({key}).get(key)

    def put(self, key: Key, facts: FileFacts, encoded: str | None = None, shape: str | None = None) -> None:
        """Remember ``facts`` for the next run (``encoded``, ``shape``: its JSON and the JSON's
        ``shape_of``, when a worker made them)."""
        self.new[key] = facts
        try:
            encoded = encoded or encode_facts(facts)
        except (TypeError, ValueError):  # a value JSON cannot hold: that file is re-read next time
            encoded = None
        if encoded is not None:
            self.encoded[key] = encoded
            self.new_shapes[key] = shape if shape is not None else shape_of(facts, encoded)
        self.used.add(key)

    def save(self) -> None:
        """Write the new records and drop the stale ones (found by ``lookup``, or by ``shapes``
        when no lookup ran), in one transaction."""
        if self.store is None:
            return
        if not self._looked and self._unwanted is not None:
            self.stale += self._unwanted
            self._looked = True
        if not self._looked or (not self.new and not self.stale):
            return
        put = {k: (self.new_shapes[k], self.encoded[k]) for k in self.new if k in self.encoded}
        self.encoded.clear()
        self.store.write_facts(put, [k for k in self.stale if k not in put])
        self.new.clear()
        self.new_shapes.clear()
        self.stale.clear()


class MentionsCache:
    """The mention tokens of the files that are not parsed (docs, side texts, every other text
    file), by ``(path, digest)``: a pure function of the bytes, cached as facts are. A polar-sized
    repository spends 0.3 s tokenising its docs; an edit elsewhere no longer pays it again. A
    stored row of the wrong shape is dropped and made again, with one warning."""

    def __init__(self, store):
        self.store = store

    def of(
        self, sources: dict[str, bytes], compute, digests: dict[str, str] | None = None
    ) -> dict[str, tuple[tuple[str, int], ...]]:
        """``path -> compute(path, data)`` for every source, in ``sources``' order, from the
        cache where it holds the same bytes (``digests``: those already known, by path); the new
        ones are stored, the stale ones dropped."""
        from deadcode.facts.extract import digest

        known = digests or {}
        keys = {path: known.get(path) or digest(data) for path, data in sources.items()}
        stored: dict[str, tuple[tuple[str, int], ...]] = {}
        drop: list[Key] = []
        bad = 0
        for path, file_digest, text in self.store.mentions_rows():
            if keys.get(path) != file_digest:
                drop.append((path, file_digest))
                continue
            value = _decode_mentions(text)
            if value is None:
                bad += 1
                drop.append((path, file_digest))
            else:
                stored[path] = value
        out: dict[str, tuple[tuple[str, int], ...]] = {}
        put: dict[Key, str] = {}
        for path, data in sources.items():
            value = stored.get(path)
            if value is None:
                value = compute(path, data)
                try:
                    put[(path, keys[path])] = json.dumps(value, separators=(",", ":"))
                except (TypeError, ValueError):  # not storable: made again next time
                    pass
            out[path] = value
        if bad:
            self.store.warnings.append(
                f"{self.store.shown}: {bad} cached record(s) with the wrong shape dropped and re-read"
            )
        self.store.write_mentions(put, [k for k in drop if k not in put])
        return out


def _decode_mentions(text) -> tuple[tuple[str, int], ...] | None:
    """A stored row's ``((token, line), ...)``, or None when it is not exactly that shape."""
    if not isinstance(text, str):
        return None
    try:
        value = json.loads(text)
    except (ValueError, RecursionError):
        return None
    if not isinstance(value, list):
        return None
    out = []
    for pair in value:
        if (
            not isinstance(pair, list)
            or len(pair) != 2
            or not isinstance(pair[0], str)
            or type(pair[1]) is not int
        ):
            return None
        out.append((pair[0], pair[1]))
    return tuple(out)

"""The data-only cache: the codec round-trips real facts and rejects every wrong shape; the
store keeps per-file records, writes in one transaction and clears what is not its own."""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass

import pytest

from deadcode.facts.cache import FactsCache, decode_facts, encode_facts, facts_key
from deadcode.facts.extract import extract
from deadcode.facts.model import FileFacts, Sub, Template
from deadcode.store.codec import CodecError, codec
from deadcode.store.db import Store
from tests.hazards.repo import APP

SETTINGS = """
from pydantic_settings import BaseSettings
from fastapi import APIRouter

class Settings(BaseSettings):
    API: str = f"{BASE}/v1"
    DEBUG: bool = False
    RATE: float = 1.5
    LIMIT: int = 3
settings = Settings()
router = APIRouter(prefix=f"{settings.API}/x")
if settings.DEBUG == True:
    import app.debug

@router.get("/{item_id}")
def get_item(item_id: int):
    return requests.get(f"{BASE}/items/{item_id}")
"""


def _samples() -> list[FileFacts]:
    files = dict(APP)
    files["backend/app/settings.py"] = SETTINGS
    kinds = {".py": "python", ".tsx": "tsx", ".ts": "typescript"}
    out = []
    for path, text in files.items():
        kind = next((k for ext, k in kinds.items() if path.endswith(ext)), None)
        if kind:
            out.append(extract(path, kind, text.encode()))
    out.append(extract("deploy/values.yaml", "yaml", b"grafana:\n  url: x\nlist: [1, 2]\n"))
    return out


def test_real_facts_round_trip_exactly():
    for facts in _samples():
        assert decode_facts(encode_facts(facts)) == facts
    settings = next(f for f in _samples() if f.path.endswith("settings.py"))
    fields = {f.name: f.default for c in settings.py.settings_classes for f in c.fields}
    assert fields["DEBUG"] is False and isinstance(fields["RATE"], float) and fields["LIMIT"] == 3
    assert isinstance(fields["API"], Template) and any(isinstance(p, Sub) for p in fields["API"].parts)


@pytest.mark.parametrize(
    "mutate",
    [
        lambda r: r.__setitem__(0, 7),  # path must be a string
        lambda r: r.__setitem__(3, True),  # lines: a bool is not an int
        lambda r: r.__setitem__(4, "yes"),  # partial must be a bool
        lambda r: r.__setitem__(5, [1]),  # problems: strings only
        lambda r: r.append(None),  # one field too many
        lambda r: r.pop(),  # one field too few
        lambda r: r.__setitem__(6, {"imports": []}),  # a dataclass is an array, not an object
        lambda r: r.__setitem__(6, [[["m", [], None, 1, [0, 1, 2], [], None, False, False]]] + [[]] * 15),
    ],
)
def test_every_wrong_shape_is_a_codec_error(mutate):
    facts = next(f for f in _samples() if f.py is not None and f.py.imports)
    record = json.loads(encode_facts(facts))
    mutate(record)
    with pytest.raises(CodecError):
        decode_facts(json.dumps(record))


def test_garbage_json_is_a_codec_error():
    for text in ("", "[", "[" * 100000 + "]" * 100000, "1e999999", '"str"', "{}", "null", "9" * 5000):
        with pytest.raises(CodecError):
            decode_facts(text)


@dataclass(frozen=True)
class A:
    x: int


@dataclass(frozen=True)
class B:
    y: str


@dataclass
class Holder:
    v: A | B | tuple[int, ...] | None
    w: dict[str, list[A]]


def test_unions_of_array_types_are_tagged():
    c = codec(Holder)
    for value in (Holder(A(1), {}), Holder(B("b"), {"k": [A(2)]}), Holder((1, 2), {}), Holder(None, {})):
        assert c.decode(json.loads(json.dumps(c.encode(value)))) == value
    with pytest.raises(CodecError):
        c.decode([[5, [1]], {}])


def test_store_keeps_only_what_a_run_used_and_one_transaction_per_write(tmp_path):
    samples = _samples()
    store = Store(tmp_path / "cache", facts_key())
    cache = FactsCache(store)
    assert cache.lookup({(f.path, f.digest) for f in samples}) == {}
    for f in samples:
        cache.put((f.path, f.digest), f)
    cache.save()
    store.close()
    # next run: one file changed, one gone
    cache = FactsCache(Store(tmp_path / "cache", facts_key()))
    wanted = {(f.path, f.digest) for f in samples[1:]}
    hits = cache.lookup(wanted | {("new.py", "0" * 32)})
    assert set(hits) == wanted
    assert hits[(samples[1].path, samples[1].digest)] == samples[1]
    cache.save()
    conn = sqlite3.connect(tmp_path / "cache" / "deadcode.sqlite")
    assert {tuple(r) for r in conn.execute("SELECT path, digest FROM facts")} == wanted
    conn.close()


def test_a_store_of_another_version_is_emptied(tmp_path):
    samples = _samples()
    old = FactsCache(Store(tmp_path, "0.0.1-old"))
    old.lookup(set())
    for f in samples:
        old.put((f.path, f.digest), f)
    old.save()
    old.store.close()
    new = FactsCache(Store(tmp_path, facts_key()))
    assert new.lookup({(f.path, f.digest) for f in samples}) == {}


def test_a_record_claiming_another_file_is_dropped(tmp_path):
    a, b = _samples()[:2]
    store = Store(tmp_path, facts_key())
    store.write_facts({(a.path, a.digest): ("shape", encode_facts(b))}, [])  # b's facts filed under a's key
    cache = FactsCache(store)
    assert cache.lookup({(a.path, a.digest)}) == {}
    assert cache.warnings == [f"{store.shown}: 1 cached record(s) with the wrong shape dropped and re-read"]

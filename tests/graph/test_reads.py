"""graph/reads.py: the word search that finds dependencies named outside imports, and the
reads it records. The quick paths (no decoding of a file that names no word, one symlink check
per folder, the searches of an earlier run reused by digest) must answer as the plain ones."""

from __future__ import annotations

import os

from hypothesis import given, settings
from hypothesis import strategies as st

from deadcode.facts.extract import digest
from deadcode.graph.reads import Observed, Reads, WordsRead, _search, lenient_text, word_lines
from deadcode.safefs import read_bytes_inside

WORDS = ("react-dom", "fastapi", "react", "é-lib", "redis")
chunks = st.sampled_from(
    [b"react", b"-dom", b"fastapi", b" ", b"\n", b"\r\n", b"\r", b"@", b"/", b"\xc3\xa9", b"\xe2", b"\xff"]
    + [b"-lib", b"redis", b"x", b"import ", b"\xc3"]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(chunks, max_size=40), st.sets(st.integers(1, 6), max_size=2), st.booleans())
def test_the_byte_prefilter_finds_what_the_decoded_search_finds(parts, skip, ascii_only):
    data = b"".join(parts)
    words = tuple(w for w in WORDS if w.isascii()) if ascii_only else WORDS
    assert _search(data, words, frozenset(skip)) == word_lines(lenient_text(data), words, frozenset(skip))


def test_a_symlinked_folder_or_file_is_not_read_with_the_folder_memo(tmp_path):
    (tmp_path / "real").mkdir()
    (tmp_path / "real" / "a.txt").write_text("fastapi\n")
    os.symlink(tmp_path / "real", tmp_path / "linked")
    os.symlink(tmp_path / "real" / "a.txt", tmp_path / "real" / "b.txt")
    folders: dict[str, bool] = {}
    assert read_bytes_inside(tmp_path, "real/a.txt", folders=folders) == b"fastapi\n"
    assert read_bytes_inside(tmp_path, "linked/a.txt", folders=folders) is None
    assert read_bytes_inside(tmp_path, "real/b.txt", folders=folders) is None
    assert read_bytes_inside(tmp_path, "real/../real/a.txt", folders=folders) == b"fastapi\n"
    assert folders == {"real": True, "linked": False}
    for path in ("real/a.txt", "linked/a.txt", "real/b.txt", "missing/x"):
        assert read_bytes_inside(tmp_path, path, folders={}) == read_bytes_inside(tmp_path, path)


def test_an_earlier_search_is_reused_only_for_the_same_bytes_words_and_skip(tmp_path):
    (tmp_path / "a.md").write_text("uses redis\n")
    (tmp_path / "b.md").write_text("uses fastapi\n")
    words = ("fastapi", "redis")
    prior = Observed(
        (),
        words,
        (
            # a's digest matches: its recorded answer is taken (a planted one shows it is)
            WordsRead("a.md", digest(b"uses redis\n"), (), (("redis", 9),)),
            WordsRead("b.md", "stale-digest", (), ()),
        ),
    )
    reads = Reads(tmp_path)
    reads.reuse(prior, lambda p: digest((tmp_path / p).read_bytes()))
    assert reads.words("a.md", words, frozenset()) == (("redis", 9),)
    assert reads.words("b.md", words, frozenset()) == (("fastapi", 1),)
    assert reads.observed().word_reads[1] == WordsRead(
        "b.md", digest(b"uses fastapi\n"), (), (("fastapi", 1),)
    )
    other = Reads(tmp_path)
    other.reuse(prior, lambda p: digest((tmp_path / p).read_bytes()))
    assert other.words("a.md", words, frozenset({1})) == ()  # other skipped lines: searched again


def _reference_word_lines(text, ordered, skip=()):
    """The definition ``word_lines`` keeps: one alternation with both look-arounds, left to right."""
    import re

    pattern = re.compile(r"(?<![\w@/-])(" + "|".join(map(re.escape, ordered)) + r")(?![\w-])")
    found = {}
    for m in pattern.finditer(text):
        line = text.count("\n", 0, m.start()) + 1
        if m.group(1) not in found and line not in skip:
            found[m.group(1)] = line
    return tuple(found.items())


def test_word_lines_equal_the_alternation_with_look_arounds_on_random_texts():
    import random
    import re

    from deadcode.graph.reads import word_lines

    rng = random.Random(1)
    for _ in range(6000):
        words = {"".join(rng.choice("ab-_/@.xé") for _ in range(rng.randint(1, 4))) for _ in range(6)}
        ordered = tuple(sorted(words, key=lambda n: (-len(re.escape(n)), n)))  # as words_in orders
        text = "".join(rng.choice("ab-_/@.x\n é") for _ in range(rng.randint(0, 40)))
        skip = frozenset(rng.sample(range(1, 5), rng.randint(0, 2)))
        assert word_lines(text, ordered, skip) == _reference_word_lines(text, ordered, skip), (text, ordered)


def test_word_lines_prefer_the_longest_word_and_skip_glued_ones():
    from deadcode.graph.reads import word_lines

    text = "pip install react-dom\nreactor react\n@scope/react x/react react-domx\n"
    assert word_lines(text, ("react-dom", "react")) == (("react-dom", 1), ("react", 2))
    assert word_lines(text, ("react-dom", "react"), skip=frozenset({1})) == (("react", 2),)

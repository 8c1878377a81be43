"""What the graph and the analysis read from the repository beyond the facts, recorded.

The verdicts of ``scan`` and ``check`` are a pure function of the facts, the side texts, the
config and these reads. Recording each read with the digest of the bytes it saw (and, for word
searches, what it found) lets a later run reuse the verdicts when the facts are unchanged
(``pipeline``): a read whose file has the same digest returns the same bytes, and a word search
over an edited file is run again and must find the same words on the same lines. A run that
deviates nowhere from the recorded one computes the same verdicts, so reusing them is exact.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from deadcode.safefs import read_bytes_inside

WORDS_LIMIT = 64 * 1024 * 1024  # the discovery's own limit: a file it read is searched whole


@dataclass(frozen=True)
class TextRead:
    """A file read whole: its content digest, or None (absent, a symlink, not readable)."""

    path: str
    digest: str | None


@dataclass(frozen=True)
class WordsRead:
    """A word search of one file: the first line naming each word (lines in ``skip`` aside)."""

    path: str
    digest: str | None
    skip: tuple[int, ...]
    found: tuple[tuple[str, int], ...]


@dataclass(frozen=True)
class Observed:
    """Every read of one run: replayed against the tree by ``unchanged``."""

    texts: tuple[TextRead, ...] = ()
    words: tuple[str, ...] = ()  # the words every ``WordsRead`` searched for, longest first
    word_reads: tuple[WordsRead, ...] = ()


def lenient_text(data: bytes) -> str:
    """Text as ``Path.read_text(errors="replace")`` reads it (universal newlines)."""
    return data.decode("utf-8", "replace").replace("\r\n", "\n").replace("\r", "\n")


def _digest(data: bytes | None) -> str | None:
    from deadcode.facts.extract import digest

    return None if data is None else digest(data)


_PATTERNS: dict[tuple[str, ...], re.Pattern] = {}
_BEFORE_WORD = re.compile(r"[\w@/-]")  # a word must not follow one of these


def _trie_pattern(ordered: tuple[str, ...]) -> re.Pattern:
    """The alternation of ``ordered`` (longest first) as a trie: ``re`` tries alternatives one by
    one, so 100 words cost 100 attempts per position; sharing prefixes costs one per character.
    Words that match at one position are prefixes of each other, so trying the longer branch
    first (the empty one last) picks what the longest-first alternation picks."""
    pattern = _PATTERNS.get(ordered)
    if pattern is not None:
        return pattern
    trie: dict = {}
    for word in ordered:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict) -> str:
        branches = [re.escape(ch) + emit(child) for ch, child in sorted(node.items()) if ch]
        if not branches:
            return ""
        if len(branches) == 1 and "" not in node:
            return branches[0]
        return "(?:" + "|".join(branches) + ("|)" if "" in node else ")")

    pattern = _PATTERNS[ordered] = re.compile("(" + emit(trie) + r")(?![\w-])")
    return pattern


def word_lines(
    text: str, ordered: tuple[str, ...], skip: frozenset[int] | tuple = ()
) -> tuple[tuple[str, int], ...]:
    r"""``(word, line)`` of the first occurrence of each word of ``ordered`` in ``text`` as a
    whole word (a run command, a config, a URL), lines in ``skip`` not counted: the matches of
    ``(?<![\w@/-])(w1|w2|...)(?![\w-])``, left to right. The look-behind is checked here, not
    in the pattern: a pattern that starts with one is tried at every position, one that starts
    with the words only where a word's first character is. A match the look-behind rejects
    resumes one character on, as the pattern would have."""
    if not ordered:
        return ()
    search, before = _trie_pattern(ordered).search, _BEFORE_WORD.match
    found: dict[str, int] = {}
    at, line, pos = 0, 1, 0  # lines counted from the previous match, not from the start each time
    while len(found) < len(ordered):
        m = search(text, pos)
        if m is None:
            break
        start = m.start()
        if start and before(text, start - 1):
            pos = start + 1
            continue
        pos = m.end() if m.end() > start else start + 1  # an empty word must not stall
        name = m.group(1)
        if name in found:
            continue
        line += text.count("\n", at, start)
        at = start
        if line not in skip:
            found[name] = line
    return tuple(found.items())


def _search(data: bytes | None, ordered: tuple[str, ...], skip) -> tuple[tuple[str, int], ...]:
    """``word_lines`` of a file's bytes (None: unreadable, nothing found). No substring test of
    each word first: one pass of the trie pattern costs less than a hundred of them."""
    if data is None:
        return ()
    return word_lines(lenient_text(data), ordered, skip)


class Reads:
    """The repository's files as the graph and the analysis read them, each read recorded."""

    def __init__(self, root: str | Path):
        self.root = Path(root)
        self._texts: dict[str, TextRead] = {}
        self._words: tuple[str, ...] | None = None
        self._word_reads: dict[str, WordsRead] = {}
        self._folders: dict[str, bool] = {}  # folder -> no symlink inside the repository on the way
        self._prior: dict[str, WordsRead] = {}
        self._prior_words: tuple[str, ...] | None = None
        self._digest_of = None

    def reuse(self, observed: Observed, digest_of) -> None:
        """The word searches of an earlier run (its verdicts' ``observed``): a search of the same
        words in a file with the same digest (``digest_of``: this run's, from discovery) and the
        same skipped lines finds the same, and is not run again."""
        self._prior = {w.path: w for w in observed.word_reads}
        self._prior_words = observed.words
        self._digest_of = digest_of

    def raw(self, path: str, limit: int = 2 * 1024 * 1024) -> bytes | None:
        data = read_bytes_inside(self.root, path, limit, self._folders)
        if path not in self._texts:
            self._texts[path] = TextRead(path, _digest(data))
        return data

    def text(self, path: str) -> str | None:
        """The UTF-8 text of ``path``, read without a symlink inside the repository and never from
        a device (``safefs.read_bytes_inside``); None when it cannot be read so."""
        data = self.raw(path)
        try:
            return data.decode("utf-8") if data is not None else None
        except UnicodeDecodeError:
            return None

    def words(self, path: str, ordered: tuple[str, ...], skip: frozenset[int]) -> tuple[tuple[str, int], ...]:
        """``word_lines`` of the file (decoded leniently): every search of one run asks for
        the same words (the unused-dependency candidates)."""
        if self._words is None:
            self._words = ordered
        elif ordered != self._words:  # not the one search this log can replay: plain reads
            return _search(self.raw(path, WORDS_LIMIT), ordered, skip)
        prior = self._prior.get(path)
        if prior is not None and ordered == self._prior_words and prior.skip == tuple(sorted(skip)):
            if prior.digest is not None and prior.digest == self._digest_of(path):
                self._word_reads[path] = prior
                return prior.found
        data = read_bytes_inside(self.root, path, WORDS_LIMIT, self._folders)
        found = _search(data, ordered, skip)
        self._word_reads[path] = WordsRead(path, _digest(data), tuple(sorted(skip)), found)
        return found

    def observed(self) -> Observed:
        return Observed(
            tuple(self._texts[p] for p in sorted(self._texts)),
            self._words or (),
            tuple(self._word_reads[p] for p in sorted(self._word_reads)),
        )


def unchanged(root: Path, observed: Observed, digest_of) -> bool:
    """Whether every read of ``observed`` would see the same now. ``digest_of(path)`` is the
    digest this run already knows (None: not known, the file is read again)."""

    def now(path: str) -> tuple[str | None, bytes | None]:
        known = digest_of(path)
        if known is not None:
            return known, None
        data = read_bytes_inside(root, path, WORDS_LIMIT)
        return _digest(data), data

    for t in observed.texts:
        if now(t.path)[0] != t.digest:
            return False
    for w in observed.word_reads:
        d, data = now(w.path)
        if d == w.digest:
            continue
        if data is None:
            data = read_bytes_inside(root, w.path, WORDS_LIMIT)
        if _search(data, observed.words, frozenset(w.skip)) != w.found:
            return False
    return True

"""Escaping for every place a name from the repository is printed: a file name is data the PR
author controls, so it must never become a terminal escape, a workflow command, Markdown markup
or a mermaid statement.

- ``terminal``: control characters (C0, DEL, C1, and the bidi overrides) as ``\\xNN``/``\\uNNNN``.
- ``gh_data`` / ``gh_property``: GitHub workflow commands (``::error file=...::message``), as
  the Actions toolkit escapes them (``%`` ``CR`` ``LF``; in properties also ``:`` and ``,``).
- ``md_code``: an inline Markdown code span whose fence is longer than any backtick run inside.
- ``md_text``: Markdown prose or a table cell: one line, markup characters neutralised.
- ``mermaid_label``: a quoted mermaid label with quotes, markup and newlines as entities.
"""

from __future__ import annotations

import re

# C0 controls except none (tab and newline too: a name never holds them legitimately), DEL, C1,
# and the Unicode bidi controls that reorder what a reviewer sees (CVE-2021-42574).
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def _control_repr(m: re.Match) -> str:
    c = m.group(0)
    return f"\\x{ord(c):02x}" if ord(c) < 0x100 else f"\\u{ord(c):04x}"


def terminal(text: object) -> str:
    """``text`` with every control character shown as an escape, so printing it cannot move the
    cursor, change colours, set the window title or reorder the line."""
    return _CONTROL.sub(_control_repr, "" if text is None else str(text))


def terminal_lines(text: str) -> str:
    """Like ``terminal`` for each line of ``text``: newlines and tabs of the layout stay."""
    return "\n".join("\t".join(terminal(part) for part in line.split("\t")) for line in text.split("\n"))


def gh_data(text: object) -> str:
    """The message of a workflow command (after ``::``)."""
    s = "" if text is None else str(text)
    return s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def gh_property(text: object) -> str:
    """A property value of a workflow command (``file=``, ``title=``)."""
    return gh_data(text).replace(":", "%3A").replace(",", "%2C")


def md_code(text: object) -> str:
    """Inline code that shows ``text`` literally wherever Markdown is rendered, tables included:
    a fence longer than the longest backtick run, padded when the text touches a backtick, pipes
    escaped (GFM splits table cells before it parses code spans), one line."""
    s = " ".join(("" if text is None else str(text)).split())
    s = _CONTROL.sub(_control_repr, s).replace("|", "\\|")
    longest = max((len(m) for m in re.findall(r"`+", s)), default=0)
    fence = "`" * (longest + 1)
    if not s:
        return "` `"
    pad = " " if s.startswith("`") or s.endswith("`") else ""  # CommonMark strips one space each side
    return f"{fence}{pad}{s}{pad}{fence}"


# what can start markup inside a line: raw HTML and autolinks (<), links and images ([), code
# spans, emphasis, strikethrough, table cells (intraword _ is never emphasis: names keep it);
# ( ) ! only matter after an escaped [
_MD_SPECIAL = re.compile(r"([\\`*\[\]<>|~])")


def md_text(text: object) -> str:
    """Prose from the repository in Markdown (a reason, an evidence line, a table cell): one line,
    every character that could start markup backslash-escaped and ``<``/``>`` as entities, so no
    link, image, emphasis, code span or raw HTML can begin inside it."""
    s = " ".join(("" if text is None else str(text)).split())
    s = _CONTROL.sub(_control_repr, s)
    s = s.replace("&", "&amp;")
    s = _MD_SPECIAL.sub(lambda m: {"<": "&lt;", ">": "&gt;"}.get(m.group(1), "\\" + m.group(1)), s)
    return "\\" + s if s.startswith(("#", "+", "-", "=", ">")) else s


_MERMAID_SPECIAL = re.compile(r'[&"<>`\[\]{}|;#\\]')


def mermaid_label(text: object) -> str:
    """A mermaid node or edge label, quoted: ``"`` and every character mermaid or its HTML labels
    could read as markup become ``#NN;`` entity codes, newlines a space."""
    s = " ".join(("" if text is None else str(text)).split())
    s = _CONTROL.sub(_control_repr, s)
    return '"' + _MERMAID_SPECIAL.sub(lambda m: f"#{ord(m.group(0))};", s) + '"'

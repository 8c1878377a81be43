"""Line numbers of scan hits: counted on from the last hit, the same as counting from the top."""

from __future__ import annotations

import random

from deadcode.facts.bytescan import scan_python, scan_typescript
from deadcode.facts.lines import LineCounter
from deadcode.facts.python import _module_strings


def test_random_offsets_in_any_order_give_the_lines_of_a_count_from_the_top():
    rng = random.Random(7)
    for _ in range(200):
        text = "".join(rng.choice("ab\n\n") for _ in range(rng.randint(0, 60)))
        for data in (text, text.encode()):
            line = LineCounter(data)
            newline = "\n" if isinstance(data, str) else b"\n"
            # mostly increasing, as hits come; sometimes back (a second pattern's scan)
            offsets = sorted(rng.randint(0, len(data)) for _ in range(20))
            offsets[rng.randint(0, 19)] = rng.randint(0, len(data))
            for off in offsets:
                assert line(off) == data.count(newline, 0, off) + 1


def test_scans_give_each_hit_its_own_line():
    py = b'import a\nX = "app.tasks"\n\nfrom b import c\nY = ["app.one", "app.two"]\nimport d\n'
    facts = scan_python(py)
    assert [(i.module, i.line) for i in facts.imports] == [("a", 1), ("b", 4), ("d", 6)]
    assert facts.module_strings == (("app.tasks", 2), ("app.one", 5), ("app.two", 5))
    assert _module_strings(py)[0] == facts.module_strings
    ts = scan_typescript(b'import "./x";\n\nconst u = "/api/items";\nrequire("./y")\n')
    assert [(i.specifier, i.line) for i in ts.imports] == [("./x", 1), ("./y", 4)]
    assert [c.line for c in ts.http_calls] == [3]


def test_a_generated_module_of_many_names_has_them_all_on_their_lines():
    data = "".join(f'X{i} = "app.mod{i}.task"\n' for i in range(3000)).encode()
    strings = _module_strings(data)[0]
    assert len(strings) == 3000
    assert strings[0] == ("app.mod0.task", 1) and strings[-1] == ("app.mod2999.task", 3000)

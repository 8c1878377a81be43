"""``TsLinker.origins`` skips the ``export *`` targets that cannot provide a name
(``_provides``): on random barrels (cycles, ``export * as``, named re-exports, defaults, dead
ends) it must answer exactly what the walk of every target answers, query after query."""

import random
from pathlib import Path

from deadcode.pipeline import Options, load

NAMES = ["a", "b", "c", "d", "default"]


class _Everything:
    def __contains__(self, _name) -> bool:
        return True


def _random_repo(root: Path, rng: random.Random, n: int) -> list[str]:
    files = [f"src/m{i}.ts" for i in range(n)]
    for i, path in enumerate(files):
        lines = []
        for name in rng.sample(NAMES, rng.randint(0, 2)):
            lines.append("export default 1;" if name == "default" else f"export const {name} = {i};")
        for _ in range(rng.randint(0, 3)):
            target = f"./m{rng.randrange(n + 1)}"  # m{n} does not exist: an unresolved specifier
            form = rng.random()
            if form < 0.5:
                lines.append(f'export * from "{target}";')
            elif form < 0.7:
                lines.append(f'export * as {rng.choice(NAMES[:4])} from "{target}";')
            else:
                imported, exported = rng.choice(NAMES), rng.choice(NAMES[:4])
                lines.append(f'export {{ {imported} as {exported} }} from "{target}";')
        (root / path).parent.mkdir(parents=True, exist_ok=True)
        (root / path).write_text("\n".join(lines) + "\n")
    (root / "package.json").write_text('{"name": "x"}\n')
    return files


def test_origins_equal_the_walk_of_every_target(tmp_path):
    rng = random.Random(7)
    for trial in range(12):
        root = tmp_path / f"r{trial}"
        root.mkdir()
        files = _random_repo(root, rng, rng.randint(3, 12))
        loaded = load(Options(root=root, no_cache=True, quiet=True))
        ts = loaded.program.ts
        queries = [(f, name) for f in files for name in NAMES]
        rng.shuffle(queries)
        fresh, walked = ts.__class__(ts.ctx, ts.r), ts.__class__(ts.ctx, ts.r)
        fresh.bindings = walked.bindings = ts.bindings
        walked._provides = lambda _file: _Everything()
        for f, name in queries:
            assert fresh.origins(f, name) == walked.origins(f, name), (trial, f, name)

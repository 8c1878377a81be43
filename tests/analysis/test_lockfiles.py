"""What installed packages need (peers, dependencies) from each lock file format, with the line
that records it."""

from deadcode.analysis.lockfiles import Peer, peers

BUN = """{
  "lockfileVersion": 1,
  "packages": {
    "chart-kit": ["chart-kit@2.0.0", "", { "dependencies": { "d3": "7" }, "peerDependencies": { "chart-themes": "^1", "react": "*" }, "optionalPeers": ["chart-themes"] }, "sha512-x"],
    "@scope/forms": ["@scope/forms@1.0.0", "", { "peerDependencies": { "zod": "^3", }, }, "sha512-y"],
    "lodash": ["lodash@4.17.21", "", {}, "sha512-z"],
  }
}
"""

PNPM = """lockfileVersion: '9.0'

importers:
  .:
    dependencies:
      chart-kit:
        specifier: ^2.0.0

packages:

  '@scope/forms@1.0.0':
    resolution: {integrity: sha512-y}
    peerDependencies:
      zod: ^3

  chart-kit@2.0.0:
    resolution: {integrity: sha512-x}
    peerDependencies:
      '@types/react': '*'
      chart-themes: ^1
    peerDependenciesMeta:
      chart-themes:
        optional: true

snapshots:

  chart-kit@2.0.0:
    dependencies:
      left-pad: 1.0.0
"""


def test_bun_lock_peers_and_optional_peers():
    got = peers("web/bun.lock", BUN)
    assert got["chart-themes"] == [Peer("chart-kit", True, "web/bun.lock:4")]
    assert got["react"] == [Peer("chart-kit", False, "web/bun.lock:4")]
    assert got["zod"] == [Peer("@scope/forms", False, "web/bun.lock:5")]
    assert got["d3"] == [Peer("chart-kit", False, "web/bun.lock:4", dependency=True)]
    assert "lodash" not in got


def test_pnpm_lock_peers_and_their_meta():
    got = peers("pnpm-lock.yaml", PNPM)
    assert got["zod"] == [Peer("@scope/forms", False, "pnpm-lock.yaml:11")]
    assert got["chart-themes"] == [Peer("chart-kit", True, "pnpm-lock.yaml:16")]
    assert got["@types/react"] == [Peer("chart-kit", False, "pnpm-lock.yaml:16")]
    # v9 keeps a package's own dependencies under snapshots:
    assert got["left-pad"] == [Peer("chart-kit", False, "pnpm-lock.yaml:27", dependency=True)]


def test_a_broken_lock_file_tells_nothing():
    assert peers("package-lock.json", "{not json") == {}
    assert peers("bun.lock", '  "x": ["x@1", "", { "peerDependencies": {') == {}
    assert peers("yarn.lock", "x@1:\n  version 1\n") == {}


UV = """version = 1

[[package]]
name = "aiohttp"
version = "3.13.4"
dependencies = [
    { name = "multidict" },
    { name = "yarl", marker = "python_version >= '3.9'" },
]

[package.optional-dependencies]
speedups = [
    { name = "brotli" },
]

[package.metadata]
requires-dist = [{ name = "not-a-need", specifier = ">=1" }]

[[package]]
name = "yarl"
version = "1.9.4"
dependencies = [{ name = "idna" }]
"""

POETRY = """[[package]]
name = "aiohttp"
version = "3.9.0"

[package.dependencies]
multidict = ">=4.5,<7.0"
"yarl" = {version = ">=1.0,<2.0"}

[package.extras]
speedups = ["Brotli", "aiodns (>=1.1)"]

[[package]]
name = "yarl"
version = "1.9.4"
"""


def test_uv_lock_dependencies_and_extras_not_metadata():
    from deadcode.analysis.lockfiles import python_needs

    got = python_needs("uv.lock", UV)
    assert got["multidict"] == [Peer("aiohttp", False, "uv.lock:4", dependency=True)]
    assert got["yarl"] == [Peer("aiohttp", False, "uv.lock:4", dependency=True)]
    assert got["brotli"] == [Peer("aiohttp", False, "uv.lock:4", dependency=True)]
    assert got["idna"] == [Peer("yarl", False, "uv.lock:20", dependency=True)]
    assert "not-a-need" not in got


def test_poetry_lock_dependencies_and_extras():
    from deadcode.analysis.lockfiles import python_needs

    got = python_needs("poetry.lock", POETRY)
    assert {n for n in got} == {"multidict", "yarl", "Brotli", "aiodns"}
    assert got["aiodns"] == [Peer("aiohttp", False, "poetry.lock:2", dependency=True)]

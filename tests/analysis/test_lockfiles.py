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

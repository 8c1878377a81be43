"""The evidence of a mentioned file lists its mentions in one order whatever the string hashing
of the process (a set of path forms made the order follow PYTHONHASHSEED)."""

import os
import subprocess
import sys

PROBE = """
from deadcode.graph.mentions import MentionIndex
index = MentionIndex({
    "config/paths.js": (("src/setupProxy.js", 67),),
    "config/webpack.config.js": (("/src/setupProxy", 718),),
})
print([m.at for m in index.of_file("src/setupProxy.js")])
"""


def test_file_mentions_come_in_the_same_order_under_any_hash_seed():
    seen = set()
    for seed in range(8):
        env = {**os.environ, "PYTHONHASHSEED": str(seed)}
        out = subprocess.run(
            [sys.executable, "-c", PROBE], env=env, capture_output=True, text=True, check=True
        )
        seen.add(out.stdout.strip())
    assert seen == {"['config/paths.js:67', 'config/webpack.config.js:718']"}

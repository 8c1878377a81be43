"""An empty ``__init__.py`` is a package marker: a finding only when every other module under
its folder is dead (then it goes with them), never while one of them lives."""

from tests.analysis.repo import kinds, make_repo, scan

DEAD_MODULE = "def unused():\n    return 1\n"


def test_marker_of_a_dead_package_goes_with_its_modules(tmp_path):
    root = make_repo(
        tmp_path,
        {"backend/app/legacy/__init__.py": "", "backend/app/legacy/old.py": DEAD_MODULE},
    )
    found = kinds(scan(root)[1])
    assert ("unreachable", "backend/app/legacy/old.py") in found
    assert ("unreachable", "backend/app/legacy/__init__.py") in found


def test_marker_stays_while_a_module_below_it_lives(tmp_path):
    root = make_repo(
        tmp_path,
        {
            "backend/app/legacy/__init__.py": "",
            "backend/app/legacy/old.py": DEAD_MODULE,
            "backend/app/legacy/deep/live.py": "X = 1\n",  # in a subfolder: still the package's
            "backend/app/main.py": "from fastapi import FastAPI\nfrom app.legacy.deep import live\n"
            "app = FastAPI()\n",
            # a folder whose name extends the package's is not part of it
            "backend/app/legacy2/__init__.py": "",
            "backend/app/legacy2/gone.py": DEAD_MODULE,
        },
    )
    found = kinds(scan(root)[1])
    assert ("unreachable", "backend/app/legacy/old.py") in found
    assert ("unreachable", "backend/app/legacy/__init__.py") not in found
    assert ("unreachable", "backend/app/legacy2/__init__.py") in found

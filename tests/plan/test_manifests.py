"""Removing a dependency from each manifest form, everything else byte for byte."""

import json

import pytest

from deadcode.plan.edits import EditRefused
from deadcode.plan.manifests import lock_files, remove_dependency


def test_requirements_line_and_continuation():
    data = b"fastapi>=0.110\nGrafana_Client==4.1 \\\n    --hash=sha256:abc\n# keep me\nrequests\n"
    assert (
        remove_dependency("backend/requirements.txt", data, "grafana-client")
        == b"fastapi>=0.110\n# keep me\nrequests\n"
    )


def test_pyproject_array_items_multiline_and_inline():
    multi = (
        b'[project]\ndependencies = [\n  "fastapi>=0.110",\n  "grafana-client>=4",  # alerts\n  "httpx",\n]\n'
    )
    assert (
        remove_dependency("pyproject.toml", multi, "grafana_client")
        == b'[project]\ndependencies = [\n  "fastapi>=0.110",\n  "httpx",\n]\n'
    )
    inline = b'[project]\ndependencies = ["fastapi", "grafana-client>=4", "httpx"]\n'
    assert (
        remove_dependency("pyproject.toml", inline, "grafana-client")
        == b'[project]\ndependencies = ["fastapi", "httpx"]\n'
    )
    last = b'[project]\ndependencies = ["fastapi", "grafana-client>=4"]\n'
    assert (
        remove_dependency("pyproject.toml", last, "grafana-client")
        == b'[project]\ndependencies = ["fastapi"]\n'
    )


def test_poetry_table_line():
    data = b'[tool.poetry.dependencies]\npython = "^3.11"\ngrafana-client = "^4"\nhttpx = { version = "^0.27" }\n'
    assert (
        remove_dependency("pyproject.toml", data, "grafana-client")
        == b'[tool.poetry.dependencies]\npython = "^3.11"\nhttpx = { version = "^0.27" }\n'
    )


def test_package_json_middle_and_last_entries_stay_valid_json():
    data = b'{\n  "name": "web",\n  "dependencies": {\n    "axios": "^1",\n    "lodash": "^4",\n    "react": "^18"\n  }\n}\n'
    mid = remove_dependency("frontend/package.json", data, "lodash")
    assert json.loads(mid)["dependencies"] == {"axios": "^1", "react": "^18"}
    assert (
        mid == b'{\n  "name": "web",\n  "dependencies": {\n    "axios": "^1",\n    "react": "^18"\n  }\n}\n'
    )
    last = remove_dependency("frontend/package.json", data, "react")
    assert json.loads(last)["dependencies"] == {"axios": "^1", "lodash": "^4"}


def test_refuses_what_it_cannot_edit():
    with pytest.raises(EditRefused):
        remove_dependency("requirements.txt", b"fastapi\n", "grafana-client")
    with pytest.raises(EditRefused):
        remove_dependency("package.json", b'{"devDependencies": {"lodash": "1"}}', "lodash")


def test_lock_files_beside_or_above_are_named():
    files = ["frontend/package.json", "frontend/package-lock.json", "pnpm-lock.yaml", "backend/poetry.lock"]
    assert lock_files("frontend/package.json", files) == ["frontend/package-lock.json", "pnpm-lock.yaml"]
    assert lock_files("backend/pyproject.toml", files) == ["backend/poetry.lock"]

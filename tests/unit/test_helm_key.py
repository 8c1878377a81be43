"""The ``helm`` key: Helm values and templates count only inside chart folders (the key, or
every folder with a Chart.yaml); a values.yaml elsewhere is not a chart's."""

from tests.analysis.repo import make_repo, scan

VALUES = "grafana:\n  url: http://grafana\n"
TEMPLATE = "env:\n  - name: GRAFANA_URL\n    value: {{ .Values.grafana.url }}\n"


def _repo(tmp_path, config=None):
    return make_repo(
        tmp_path,
        {
            "frontend/src/App.tsx": "export default function App() { return null; }\n",
            "deploy/chart/Chart.yaml": "name: app\nversion: 1.0.0\n",
            "deploy/chart/values.yaml": VALUES,
            "deploy/chart/templates/deployment.yaml": TEMPLATE,
            "tools/fixtures/values.yaml": "other:\n  key: 1\n",
        },
        config=config,
    )


def test_values_outside_every_chart_are_not_helm_values(tmp_path):
    loaded, _ = scan(_repo(tmp_path))
    keys = set(loaded.program.ctx.values)
    assert "grafana.url" in keys and "other.key" not in keys


def test_helm_key_names_the_chart_folders(tmp_path):
    loaded, _ = scan(_repo(tmp_path, config='helm = ["tools/fixtures"]\n'))
    keys = set(loaded.program.ctx.values)
    assert "other.key" in keys and "grafana.url" not in keys

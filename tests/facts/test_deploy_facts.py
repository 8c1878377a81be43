"""Deployment facts: Helm values and templates, Chart.yaml, docker-compose, .env (one tiny file per idiom)."""

from __future__ import annotations

import textwrap

import pytest

from deadcode.facts.deploy import deploy_kind, extract_deploy
from deadcode.facts.model import DeployFacts, EnvSet, Probe, ValuesKey


def run(path: str, text: str | bytes):
    data = text if isinstance(text, bytes) else textwrap.dedent(text).lstrip("\n").encode()
    return extract_deploy(path, data)


def facts(path: str, text: str | bytes) -> DeployFacts:
    f, partial, problems = run(path, text)
    assert f is not None
    assert (partial, problems) == (False, ())
    return f


def values(path: str, text: str) -> dict[str, tuple[str | None, int]]:
    return {v.key: (v.value, v.line) for v in facts(path, text).values}


# ------------------------------------------------------------------------------ which file is which


@pytest.mark.parametrize(
    "path, kind",
    [
        ("deploy/chart/values.yaml", "helm-values"),
        ("deploy/chart/values-prod.yml", "helm-values"),
        ("values.production.yaml", "helm-values"),
        ("deploy/chart/templates/deployment.yaml", "helm-template"),
        ("deploy/chart/templates/_helpers.tpl", "helm-template"),
        ("deploy/chart/templates/sub/cm.yml", "helm-template"),
        ("deploy/chart/Chart.yaml", "chart"),
        ("docker-compose.yml", "compose"),
        ("docker-compose.prod.yaml", "compose"),
        ("compose.yaml", "compose"),
        ("infra/compose.override.yml", "compose"),
        (".env", "dotenv"),
        ("backend/.env.production", "dotenv"),
        ("config/prod.env", "dotenv"),
        # look-alikes
        ("deploy/k8s/deployment.yaml", None),
        ("my-values.yaml", None),
        (".github/workflows/ci.yml", None),
        ("chart/templates/NOTES.txt", None),
        ("backend/environment.py", None),
        ("mytemplates/x.yaml", None),
    ],
)
def test_kind_by_path(path, kind):
    assert deploy_kind(path) == kind


def test_other_files_give_nothing():
    assert extract_deploy("deploy/k8s/deployment.yaml", b"a: 1\n") == (None, False, ())
    assert extract_deploy("README.md", b"# x\n") == (None, False, ())


def test_not_in_a_chart_turns_helm_off():
    assert extract_deploy("tools/values.yaml", b"a: 1\n", in_chart=False) == (None, False, ())
    assert extract_deploy("docs/templates/x.yaml", b"{{ .Values.a }}\n", in_chart=False) == (None, False, ())
    assert extract_deploy("docker-compose.yml", b"services: {}\n", in_chart=False)[0].kind == "compose"


# ------------------------------------------------------------------------------ Helm values


def test_values_nesting_and_lines():
    assert values(
        "chart/values.yaml",
        """
        grafana:
          enabled: false
          webhookSecret: "s3cret"
          url:
        alerting:
          backend: native
    """,
    ) == {
        "grafana": (None, 1),
        "grafana.enabled": ("false", 2),
        "grafana.webhookSecret": ("s3cret", 3),
        "grafana.url": ("", 4),
        "alerting": (None, 5),
        "alerting.backend": ("native", 6),
    }


def test_values_lists_are_indexed():
    assert values(
        "chart/values.yaml",
        """
        hosts:
          - a.example.com
          - name: b
            port: 80
        matrix: [[1, 2], [3]]
    """,
    ) == {
        "hosts": (None, 1),
        "hosts[0]": ("a.example.com", 2),
        "hosts[1]": (None, 3),
        "hosts[1].name": ("b", 3),
        "hosts[1].port": ("80", 4),
        "matrix": (None, 5),
        "matrix[0]": (None, 5),
        "matrix[0][0]": ("1", 5),
        "matrix[0][1]": ("2", 5),
        "matrix[1]": (None, 5),
        "matrix[1][0]": ("3", 5),
    }


def test_values_comments_keep_line_numbers():
    assert values(
        "chart/values.yaml",
        """
        # -- the image
        image:

          # which tag
          tag: "1.2"   # pinned
        # trailing
        replicas: 2
    """,
    ) == {"image": (None, 2), "image.tag": ("1.2", 5), "replicas": ("2", 7)}


def test_values_block_scalars_and_empty_mappings():
    assert values(
        "chart/values.yaml",
        """
        config: |
          a = 1
        extra: {}
        list: []
    """,
    ) == {"config": ("a = 1\n", 1), "extra": (None, 3), "list": (None, 4)}


def test_values_anchors_and_merge_keys():
    got = values(
        "chart/values.yaml",
        """
        defaults: &defaults
          timeout: 30
          retries: 3
        api:
          <<: *defaults
          retries: 5
    """,
    )
    assert got["api.timeout"] == ("30", 5)  # merged, at the line of the merge key
    assert got["api.retries"] == ("5", 6)  # the local key wins
    assert "api.<<" not in got


def test_values_tags_are_never_executed(tmp_path):
    marker = tmp_path / "pwned"
    got = values(
        "chart/values.yaml",
        f"""
        a: !!python/object/apply:os.system ["touch {marker}"]
        b: !custom x
    """,
    )
    assert not marker.exists()
    assert got["b"] == ("x", 2)
    assert got["a[0]"] == (f"touch {marker}", 1)


def test_values_alias_bomb_is_bounded():
    text = "a: &a [x, x, x, x, x, x, x, x, x, x]\n"
    for i in range(1, 9):
        prev = chr(ord("a") + i - 1)
        cur = chr(ord("a") + i)
        text += f"{cur}: &{cur} [" + ", ".join([f"*{prev}"] * 10) + "]\n"
    f, partial, problems = extract_deploy("chart/values.yaml", text.encode())
    assert len(f.values) < 1000  # each aliased node is walked once


def test_values_multi_document():
    f = facts(
        "chart/values.yaml",
        """
        a: 1
        ---
        b:
          c: 2
    """,
    )
    assert [(v.key, v.line) for v in f.values] == [("a", 1), ("b", 3), ("b.c", 4)]


def test_values_probes_rendered_from_values():
    f = facts(
        "chart/values.yaml",
        """
        livenessProbe:
          httpGet:
            path: /api/health
        readinessProbe:
          exec:
            command: [cat, /tmp/ready]
    """,
    )
    assert f.probes == (Probe("liveness", "/api/health", 3),)


def test_chart_yaml_keys():
    f = facts(
        "chart/Chart.yaml",
        """
        apiVersion: v2
        name: app
        dependencies:
          - name: grafana
            repository: https://grafana.github.io/helm-charts
    """,
    )
    assert f.kind == "chart"
    assert ValuesKey("dependencies[0].name", "grafana", 4) in f.values


# ------------------------------------------------------------------------------ bad YAML


def test_values_syntax_error_keeps_what_parsed():
    f, partial, problems = run(
        "chart/values.yaml",
        """
        a: 1
        b:
          c: 2
        d: e: f
        g: 3
    """,
    )
    assert partial is True
    assert problems == ("YAML syntax error at line 4: mapping values are not allowed here",)
    assert [(v.key, v.value) for v in f.values] == [("a", "1"), ("b", None), ("b.c", "2")]


def test_values_syntax_error_in_later_document():
    f, partial, problems = run("chart/values.yaml", "a: 1\n---\nb: [1,\n")
    assert partial and problems[0].startswith("YAML syntax error at line")
    assert ("a", "1") in [(v.key, v.value) for v in f.values]


def test_values_not_utf8():
    f, partial, problems = run("chart/values.yaml", b"name: caf\xe9\nport: 80\n")
    assert partial and problems == ("not valid UTF-8 at line 1",)
    assert ValuesKey("port", "80", 2) in f.values


def test_binary_garbage_never_raises():
    f, partial, problems = run("chart/values.yaml", bytes(range(256)) * 4)
    assert f is not None and partial and problems
    f, partial, problems = run("chart/templates/x.yaml", bytes(range(256)) * 4)
    assert f is not None and partial


def test_deeply_nested_values_never_raise():
    text = "a: " + "[" * 5000 + "]" * 5000 + "\n"
    f, partial, problems = run("chart/values.yaml", text.encode())
    assert f is not None and partial and problems == ("YAML nested more than 100 levels deep: not read",)
    ok = "a: " + "[" * 20 + "1" + "]" * 20 + "\n"
    assert facts("chart/values.yaml", ok).values[-1] == ValuesKey("a" + "[0]" * 20, "1", 1)


def test_bom_is_ignored():
    assert facts("chart/values.yaml", b"\xef\xbb\xbfa: 1\n").values == (ValuesKey("a", "1", 1),)


# ------------------------------------------------------------------------------ Helm templates

DEPLOYMENT = """
    apiVersion: apps/v1
    kind: Deployment
    metadata:
      name: {{ include "app.fullname" . }}
    spec:
      replicas: {{ .Values.replicaCount }}
      template:
        spec:
          containers:
            - name: backend
              image: "{{ .Values.image.repository }}:{{ .Values.image.tag | default .Chart.AppVersion }}"
              env:
                - name: ALERTING_BACKEND
                  value: {{ .Values.alerting.backend | quote }}
                - name: LOG_LEVEL
                  value: "info"  # literal
                - name: GRAFANA_WEBHOOK_SECRET
                  valueFrom:
                    secretKeyRef:
                      name: {{ $.Values.secretName }}
                      key: webhook
                - name: PUBLIC_URL
                  value: "https://{{ .Values.host }}/app"
                {{- range $k, $v := .Values.extraEnv }}
                - name: {{ $k }}
                  value: {{ $v | quote }}
                {{- end }}
              ports:
                - name: http
                  containerPort: 8000
              livenessProbe:
                httpGet:
                  path: /api/v0_1/health
                  port: http
              readinessProbe:
                httpGet:
                  path: {{ .Values.probes.readyPath }}
                  port: http
              startupProbe:
                tcpSocket:
                  port: http
"""


def test_template_value_reads():
    f = facts("chart/templates/deployment.yaml", DEPLOYMENT)
    assert f.kind == "helm-template"
    assert f.value_reads == (
        ("replicaCount", 6),
        ("image.repository", 11),
        ("image.tag", 11),
        ("alerting.backend", 14),
        ("secretName", 20),
        ("host", 23),
        ("extraEnv", 24),
        ("probes.readyPath", 37),
    )


def test_template_env_sets():
    f = facts("chart/templates/deployment.yaml", DEPLOYMENT)
    assert f.env == (
        EnvSet("ALERTING_BACKEND", None, "alerting.backend", 13),
        EnvSet("LOG_LEVEL", "info", None, 15),
        EnvSet("GRAFANA_WEBHOOK_SECRET", None, None, 17),
        EnvSet("PUBLIC_URL", "https://{{ .Values.host }}/app", "host", 22),
    )


def test_template_probes():
    f = facts("chart/templates/deployment.yaml", DEPLOYMENT)
    assert f.probes == (
        Probe("liveness", "/api/v0_1/health", 33),
        Probe("readiness", "{{ .Values.probes.readyPath }}", 37),
    )


def test_template_probe_inline_and_quoted():
    f = facts(
        "chart/templates/d.yaml",
        """
        livenessProbe:
          httpGet: { path: "/healthz", port: 80 }
        readinessProbe: {httpGet: {path: /ready, port: 80}}
        startupProbe:
          httpGet:
            port: 80
            path: '/started'   # after port
    """,
    )
    assert f.probes == (
        Probe("liveness", "/healthz", 2),
        Probe("readiness", "/ready", 3),
        Probe("startup", "/started", 7),
    )


def test_template_probe_lookalikes():
    f = facts(
        "chart/templates/d.yaml",
        """
        livenessProbe:
          exec:
            command: [curl, /health]
        volumes:
          - name: x
            hostPath:
              path: /var/data
        readinessProbe:
          tcpSocket:
            port: 80
        ingress:
          httpGet:
            path: /not-a-probe
    """,
    )
    assert f.probes == ()


def test_template_index_and_root_reads():
    f = facts(
        "chart/templates/cm.yaml",
        """
        a: {{ index .Values "grafana" "webhook-secret" }}
        b: {{ index .Values.list 0 }}
        c: {{ $root.Values.x.y }}
        d: {{ toYaml .Values | nindent 2 }}
        {{- with .Values.nested }}
        e: {{ .inner }}
        {{- end }}
        f: {{ if and .Values.a
                   .Values.b }}yes{{ end }}
    """,
    )
    assert f.value_reads == (
        ("grafana.webhook-secret", 1),
        ("list[0]", 2),
        ("x.y", 3),
        ("", 4),
        ("nested", 5),
        ("a", 8),
        ("b", 9),
    )


def test_template_lookalike_reads_are_not_reads():
    f = facts(
        "chart/templates/cm.yaml",
        """
        # set .Values.commentedOut in values.yaml
        {{- /* .Values.inGoComment */ -}}
        a: {{ .Release.Name }} {{ .Chart.Values }}
        b: "x.Values.y"
    """,
    )
    assert f.value_reads == ()


def test_template_env_lookalikes():
    f = facts(
        "chart/templates/d.yaml",
        """
        containers:
          - name: worker
            image: x
        ports:
          - name: http
            containerPort: 80
        volumes:
          - name: data
            emptyDir: {}
        env:
          - name: ONLY_NAME
        args:
          - name
    """,
    )
    assert f.env == (EnvSet("ONLY_NAME", None, None, 11),)


def test_template_env_quoted_names_and_block_values():
    f = facts(
        "chart/templates/d.yaml",
        """
        env:
          - name: "QUOTED"
            value: '42'
          - value: {{ .Values.flag }}
            name: REVERSED
          - name: MULTI
            value: |-
              line1
              {{ .Values.x }}
          - name: DEFAULTED
            value: {{ default "native" .Values.mode | quote }}
    """,
    )
    assert f.env == (
        EnvSet("QUOTED", "42", None, 2),
        EnvSet("REVERSED", None, "flag", 5),
        EnvSet("MULTI", "line1\n{{ .Values.x }}", "x", 6),
        EnvSet("DEFAULTED", None, "mode", 10),
    )


def test_template_helpers_tpl():
    f = facts(
        "chart/templates/_helpers.tpl",
        """
        {{- define "app.env" -}}
        - name: DB_HOST
          value: {{ .Values.db.host | quote }}
        {{- end }}
    """,
    )
    assert f.value_reads == (("db.host", 3),)
    assert f.env == (EnvSet("DB_HOST", None, "db.host", 2),)


def test_template_unclosed_action_is_partial():
    f, partial, problems = run("chart/templates/d.yaml", "a: {{ .Values.ok }}\nb: {{ .Values.broken\n")
    assert partial and problems == ("unclosed template action at line 2",)
    assert f.value_reads == (("ok", 1),)


def test_template_crlf_lines():
    f = facts("chart/templates/d.yaml", b"env:\r\n  - name: A\r\n    value: {{ .Values.a }}\r\n")
    assert f.env == (EnvSet("A", None, "a", 2),)
    assert f.value_reads == (("a", 3),)


# ------------------------------------------------------------------------------ docker-compose


def test_compose_environment_mapping_and_list():
    f = facts(
        "docker-compose.yml",
        """
        services:
          api:
            image: api
            env_file: .env
            environment:
              ALERTING_BACKEND: native
              ENABLE_BUDGETS: "false"
              EMPTY:
              PORT: 8000
          web:
            environment:
              - VITE_API_URL=http://api:8000/x=y
              - PASSTHROUGH
              - EMPTY_LIST=
    """,
    )
    assert f.kind == "compose"
    assert f.env == (
        EnvSet("ALERTING_BACKEND", "native", None, 6),
        EnvSet("ENABLE_BUDGETS", "false", None, 7),
        EnvSet("EMPTY", None, None, 8),
        EnvSet("PORT", "8000", None, 9),
        EnvSet("VITE_API_URL", "http://api:8000/x=y", None, 12),
        EnvSet("PASSTHROUGH", None, None, 13),
        EnvSet("EMPTY_LIST", "", None, 14),
    )


def test_compose_extension_fields_and_merges():
    f = facts(
        "compose.yaml",
        """
        x-common: &common
          environment:
            SHARED: "1"
        services:
          api:
            <<: *common
          worker:
            <<: *common
            environment:
              OWN: "2"
        volumes:
          data:
            environment: not-a-service
    """,
    )
    # the merged environment is set where the anchor is; a local environment replaces it
    assert f.env == (EnvSet("SHARED", "1", None, 3), EnvSet("OWN", "2", None, 10))


def test_compose_healthcheck_urls_are_probes():
    f = facts(
        "docker-compose.yml",
        """
        services:
          api:
            healthcheck:
              test: ["CMD", "curl", "-f", "http://localhost:8000/api/v0_1/health"]
          web:
            healthcheck:
              test: wget -qO- http://localhost:3000 || exit 1
          db:
            healthcheck:
              test: ["CMD", "pg_isready"]
    """,
    )
    assert f.probes == (Probe("healthcheck", "/api/v0_1/health", 4), Probe("healthcheck", "/", 7))


def test_compose_without_services():
    assert facts("docker-compose.yml", "version: '3'\n").env == ()
    assert facts("docker-compose.yml", "- a\n- b\n").env == ()
    assert facts("docker-compose.yml", "").env == ()


def test_compose_syntax_error():
    f, partial, problems = run(
        "docker-compose.yml",
        """
        services:
          api:
            environment:
              A: 1
              B: [oops
    """,
    )
    assert partial and problems[0].startswith("YAML syntax error at line")
    assert EnvSet("A", "1", None, 4) in f.env


# ------------------------------------------------------------------------------ .env


def test_dotenv_forms():
    f = facts(
        ".env",
        """
        # a comment
        ALERTING_BACKEND=native
        export ENABLE_BUDGETS=false
        SPACED = padded value
        DOUBLE="a # not a comment\\nnext"
        SINGLE='raw \\n # kept'
        INLINE=value # comment
        EMPTY=
        BARE
        URL=postgres://u:p@h:5432/db?x=1
          INDENTED=1
    """,
    )
    assert f.kind == "dotenv"
    assert f.env == (
        EnvSet("ALERTING_BACKEND", "native", None, 2),
        EnvSet("ENABLE_BUDGETS", "false", None, 3),
        EnvSet("SPACED", "padded value", None, 4),
        EnvSet("DOUBLE", "a # not a comment\nnext", None, 5),
        EnvSet("SINGLE", "raw \\n # kept", None, 6),
        EnvSet("INLINE", "value", None, 7),
        EnvSet("EMPTY", "", None, 8),
        EnvSet("BARE", None, None, 9),
        EnvSet("URL", "postgres://u:p@h:5432/db?x=1", None, 10),
        EnvSet("INDENTED", "1", None, 11),
    )


def test_dotenv_multiline_quoted_value():
    f = facts("backend/.env.production", 'KEY="-----BEGIN-----\nabc\n-----END-----"\nNEXT=1\n')
    assert f.env == (
        EnvSet("KEY", "-----BEGIN-----\nabc\n-----END-----", None, 1),
        EnvSet("NEXT", "1", None, 4),
    )


def test_dotenv_bad_lines_are_partial():
    f, partial, problems = run("prod.env", 'A=1\nthis is not a line\nB=2\nC="unterminated\n')
    assert partial
    assert problems == ("line 2: not KEY=value", "line 4: unterminated quote")
    assert [e.name for e in f.env] == ["A", "B", "C"]


def test_dotenv_not_utf8():
    f, partial, problems = run(".env", b"A=caf\xe9\nB=2\n")
    assert partial and problems == ("not valid UTF-8 at line 1",)
    assert EnvSet("B", "2", None, 2) in f.env


def test_dotenv_crlf():
    f = facts(".env", b"A=1\r\nB='x'\r\n")
    assert f.env == (EnvSet("A", "1", None, 1), EnvSet("B", "x", None, 2))


def test_deep_block_nesting_never_raises():
    text = "".join(" " * i + f"k{i}:\n" for i in range(2000))
    f, partial, problems = run("chart/values.yaml", text.encode())
    assert f is not None and partial and problems == ("YAML too deeply nested to read",)

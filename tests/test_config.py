"""Config loading, validation and the glob/route matchers (one tiny TOML per case)."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from deadcode.discover.config import (
    Config,
    ConfigError,
    GroupSpec,
    KeepRule,
    flag_values,
    glob_match,
    load_config,
    render_config_toml,
    route_match,
)


def write(root: Path, name: str, text: str) -> Path:
    p = root / name
    p.parent.mkdir(parents=True, exist_ok=True)
    p.write_text(textwrap.dedent(text), encoding="utf-8")
    return p


def dc(tmp_path: Path, text: str) -> Config:
    write(tmp_path, "deadcode.toml", text)
    return load_config(tmp_path)


def dc_error(tmp_path: Path, text: str) -> str:
    write(tmp_path, "deadcode.toml", text)
    with pytest.raises(ConfigError) as info:
        load_config(tmp_path)
    msg = str(info.value)
    assert "\n" not in msg
    assert msg.startswith("deadcode.toml: ")
    return msg


# ------------------------------------------------------------------------------ defaults / sources


def test_no_config_gives_defaults(tmp_path):
    cfg = load_config(tmp_path)
    assert cfg == Config()
    assert cfg.source is None and cfg.explicit == frozenset()
    assert cfg.helm is None  # auto: every folder holding a Chart.yaml


def test_pyproject_without_tool_table_gives_defaults(tmp_path):
    write(tmp_path, "pyproject.toml", '[project]\nname = "x"\n[tool.ruff]\nline-length = 100\n')
    assert load_config(tmp_path) == Config()


def test_pyproject_tool_table(tmp_path):
    write(
        tmp_path,
        "pyproject.toml",
        """
        [project]
        name = "x"
        [tool.deadcode]
        entry = ["backend/app/main.py"]
    """,
    )
    cfg = load_config(tmp_path)
    assert cfg.entry == ("backend/app/main.py",)
    assert cfg.source == "pyproject.toml"
    assert cfg.explicit == frozenset({"entry"})


def test_deadcode_toml_wins_over_pyproject(tmp_path):
    write(tmp_path, "pyproject.toml", '[tool.deadcode]\nentry = ["from_pyproject.py"]\n')
    write(tmp_path, "deadcode.toml", 'entry = ["from_deadcode.py"]\n')
    cfg = load_config(tmp_path)
    assert cfg.entry == ("from_deadcode.py",)
    assert cfg.source == "deadcode.toml"


def test_explicit_config_file_wins_and_is_top_level(tmp_path):
    write(tmp_path, "deadcode.toml", 'entry = ["root.py"]\n')
    other = write(tmp_path, "conf/ci.toml", 'entry = ["ci.py"]\n')
    cfg = load_config(tmp_path, other)
    assert cfg.entry == ("ci.py",)
    assert cfg.source == "conf/ci.toml"


def test_explicit_pyproject_file_reads_tool_table(tmp_path):
    other = write(tmp_path / "elsewhere", "pyproject.toml", '[tool.deadcode]\nexclude = ["vendor"]\n')
    cfg = load_config(tmp_path / "repo", other)
    assert cfg.exclude == ("vendor",)
    assert cfg.source == str(other)  # outside ROOT: named as given


def test_explicit_pyproject_without_table_is_an_error(tmp_path):
    other = write(tmp_path, "pyproject.toml", '[project]\nname = "x"\n')
    with pytest.raises(ConfigError, match=r"^pyproject.toml: no \[tool.deadcode\] table$"):
        load_config(tmp_path, other)


def test_explicit_config_file_missing(tmp_path):
    with pytest.raises(ConfigError, match="config file not found"):
        load_config(tmp_path, tmp_path / "nope.toml")


def test_explicit_relative_config_resolved_against_root(tmp_path, monkeypatch):
    write(tmp_path, "repo/conf.toml", 'dev_routes = ["/test"]\n')
    monkeypatch.chdir(tmp_path)
    assert load_config(tmp_path / "repo", Path("conf.toml")).dev_routes == ("/test",)


def test_a_toplevel_deadcode_key_in_a_non_pyproject_file_is_unknown(tmp_path):
    other = write(tmp_path, "ci.toml", '[tool.deadcode]\nentry = ["x.py"]\n')
    with pytest.raises(ConfigError, match=r"^ci.toml: unknown key 'tool'"):
        load_config(tmp_path, other)


# ------------------------------------------------------------------------------ TOML syntax errors


def test_toml_syntax_error_names_file_and_line(tmp_path):
    msg = dc_error(tmp_path, 'entry = ["a.py"]\ndev_roots = [\n  "x.py"\n  "y.py",\n]\n')
    assert "line 4" in msg and "invalid TOML" in msg


def test_pyproject_syntax_error_names_file_and_line(tmp_path):
    write(tmp_path, "pyproject.toml", "[tool.deadcode]\nentry = \n")
    with pytest.raises(ConfigError, match=r"^pyproject.toml: line 2, column \d+: invalid TOML"):
        load_config(tmp_path)


def test_non_utf8_config(tmp_path):
    (tmp_path / "deadcode.toml").write_bytes(b'entry = ["a.py"]\n# caf\xe9\n')
    with pytest.raises(ConfigError, match=r"^deadcode.toml: line 2: not valid UTF-8$"):
        load_config(tmp_path)


# ------------------------------------------------------------------------------ every key, happy path


def test_every_key(tmp_path):
    cfg = dc(
        tmp_path,
        """
        python_roots = ["backend", "./scripts/"]
        entry = ["backend/app/main.py", "frontend/src/main.tsx"]
        dev_roots = ["frontend/src/pages/TestPage.tsx", "**/*.stories.tsx"]
        dev_routes = ["/test", "projects/*"]
        public_endpoints = ["post /api/v0_1/webhooks/*", "GET  /health"]
        keep = [
          { path = "backend/app/tracing/**", reason = "non-invasive decorators" },
          { endpoint = "get /api/v0_1/debug", reason = "used by the support team" },
        ]
        exclude = ["backend\\\\migrations"]
        helm = ["deploy/chart"]
        verify = ["make test", "npm run build"]

        [flags]
        ALERTING_BACKEND = "native"
        ENABLE_BUDGETS = false
        MAX_WORKERS = 4
        RATIO = 0.5
        STAGE = ["prod", "staging"]

        [[groups]]
        name = "grafana"
        title = "Grafana service module"
        remove = ["path:backend/app/services/grafana", "flag:ALERTING_BACKEND"]

        [[groups]]
        name = "sysop"
        remove = ["route:/sysop/usage", "endpoint:get /api/v0_1/sysop/exporters"]
    """,
    )
    assert cfg.python_roots == ("backend", "scripts")
    assert cfg.entry == ("backend/app/main.py", "frontend/src/main.tsx")
    assert cfg.dev_roots == ("frontend/src/pages/TestPage.tsx", "**/*.stories.tsx")
    assert cfg.dev_routes == ("/test", "/projects/*")
    assert cfg.public_endpoints == ("POST /api/v0_1/webhooks/*", "GET /health")
    assert cfg.keep == (
        KeepRule("backend/app/tracing/**", None, "non-invasive decorators"),
        KeepRule(None, "GET /api/v0_1/debug", "used by the support team"),
    )
    assert cfg.exclude == ("backend/migrations",)
    assert cfg.helm == ("deploy/chart",)
    assert cfg.verify == ("make test", "npm run build")
    assert cfg.flags == {
        "ALERTING_BACKEND": "native",
        "ENABLE_BUDGETS": False,
        "MAX_WORKERS": 4,
        "RATIO": 0.5,
        "STAGE": ("prod", "staging"),
    }
    assert cfg.groups == (
        GroupSpec(
            "grafana",
            "Grafana service module",
            ("path:backend/app/services/grafana", "flag:ALERTING_BACKEND"),
        ),
        GroupSpec("sysop", "sysop", ("route:/sysop/usage", "endpoint:GET /api/v0_1/sysop/exporters")),
    )
    assert cfg.explicit == frozenset(
        {
            "python_roots",
            "entry",
            "dev_roots",
            "dev_routes",
            "public_endpoints",
            "keep",
            "exclude",
            "helm",
            "verify",
            "flags",
            "groups",
        }
    )
    assert cfg.source == "deadcode.toml"


def test_empty_lists_are_explicit(tmp_path):
    cfg = dc(tmp_path, "entry = []\nhelm = []\n")
    assert cfg.entry == () and cfg.helm == ()
    assert cfg.explicit == frozenset({"entry", "helm"})


def test_config_is_hashable_and_frozen(tmp_path):
    cfg = dc(tmp_path, 'entry = ["a.py"]\n[flags]\nX = "1"\n')
    hash(cfg)
    with pytest.raises(AttributeError):
        cfg.entry = ()  # type: ignore[misc]


def test_paths_are_normalised_and_deduplicated(tmp_path):
    cfg = dc(tmp_path, 'entry = ["./a/./b.py", "a//b.py", "a/c/../b.py", "dir/"]\npython_roots = ["."]\n')
    assert cfg.entry == ("a/b.py", "dir")
    assert cfg.python_roots == (".",)


# ------------------------------------------------------------------------------ errors


def test_unknown_key_lists_expected_keys(tmp_path):
    msg = dc_error(tmp_path, 'entrys = ["a.py"]\n')
    assert msg.startswith(
        "deadcode.toml: unknown key 'entrys' (did you mean 'entry'? expected one of: python_roots, entry,"
    )


def test_unknown_key_in_pyproject_names_table(tmp_path):
    write(tmp_path, "pyproject.toml", "[tool.deadcode]\nfoo = 1\n")
    with pytest.raises(
        ConfigError, match=r"^pyproject.toml: unknown key '\[tool.deadcode\].foo' \(expected one of: "
    ):
        load_config(tmp_path)


@pytest.mark.parametrize(
    "key", ["python_roots", "entry", "dev_roots", "dev_routes", "public_endpoints", "exclude", "helm"]
)
def test_string_where_list_expected(tmp_path, key):
    msg = dc_error(tmp_path, f'{key} = "x"\n')
    assert msg == f"deadcode.toml: {key}: expected a list of strings, got a string"


def test_verify_is_a_list_of_commands_or_a_table(tmp_path):
    assert dc_error(tmp_path, 'verify = "make test"\n') == (
        "deadcode.toml: verify: expected a list of commands or a table (commands, bundle), got a string"
    )
    write(tmp_path, "deadcode.toml", 'verify = ["make test"]\n')
    cfg = load_config(tmp_path)
    assert cfg.verify == ("make test",) and cfg.verify_bundle == ()
    write(tmp_path, "deadcode.toml", '[verify]\ncommands = ["make test"]\nbundle = ["./web/src/main.tsx"]\n')
    cfg = load_config(tmp_path)
    assert cfg.verify == ("make test",) and cfg.verify_bundle == ("web/src/main.tsx",)
    write(tmp_path, "pyproject.toml", '[tool.deadcode.verify]\nbundle = ["web/src/main.tsx"]\n')
    (tmp_path / "deadcode.toml").unlink()
    cfg = load_config(tmp_path)
    assert cfg.verify == () and cfg.verify_bundle == ("web/src/main.tsx",)
    assert "verify" in cfg.explicit
    write(tmp_path, "deadcode.toml", '[verify]\nbundel = ["x.tsx"]\n')
    assert dc_error(tmp_path, '[verify]\nbundel = ["x.tsx"]\n').startswith(
        "deadcode.toml: unknown key 'verify.bundel' (did you mean 'bundle'? expected one of: commands, bundle)"
    )
    assert dc_error(tmp_path, '[verify]\nbundle = ["/abs/main.tsx"]\n') == (
        "deadcode.toml: verify.bundle[0]: '/abs/main.tsx' is absolute: paths are relative to the repository root"
    )
    assert dc_error(tmp_path, '[verify]\ncommands = "make"\n') == (
        "deadcode.toml: verify.commands: expected a list of strings, got a string"
    )


@pytest.mark.parametrize(
    "key",
    ["python_roots", "entry", "dev_roots", "dev_routes", "public_endpoints", "exclude", "helm", "verify"],
)
def test_non_string_item(tmp_path, key):
    msg = dc_error(tmp_path, f'{key} = ["/ok", 3]\n' if key in ("dev_routes",) else f"{key} = [3]\n")
    assert "expected a string, got a number" in msg and f"{key}[" in msg


def test_empty_string_item(tmp_path):
    assert dc_error(tmp_path, 'entry = [" "]\n') == "deadcode.toml: entry[0]: empty string"


def test_flags_wrong_types(tmp_path):
    assert (
        dc_error(tmp_path, 'flags = ["X"]\n')
        == "deadcode.toml: flags: expected a table of NAME = value, got a list"
    )
    assert (
        dc_error(tmp_path, "[flags.X]\na = 1\n")
        == "deadcode.toml: flags.X: expected a string, bool, number or list of them"
    )
    assert (
        dc_error(tmp_path, "[flags]\nX = [1, {a = 1}]\n")
        == "deadcode.toml: flags.X[1]: expected a string, bool, number or list of them"
    )
    assert (
        dc_error(tmp_path, "[flags]\nX = 1979-05-27\n")
        == "deadcode.toml: flags.X: expected a string, bool, number or list of them"
    )
    assert "empty list" in dc_error(tmp_path, "[flags]\nX = []\n")


def test_flags_error_in_pyproject_names_tool_table(tmp_path):
    write(tmp_path, "pyproject.toml", "[tool.deadcode.flags]\nALERTING_BACKEND = { a = 1 }\n")
    with pytest.raises(ConfigError) as info:
        load_config(tmp_path)
    assert str(info.value) == (
        "pyproject.toml: [tool.deadcode].flags.ALERTING_BACKEND: "
        "expected a string, bool, number or list of them"
    )


def test_tool_deadcode_not_a_table(tmp_path):
    write(tmp_path, "pyproject.toml", "[tool]\ndeadcode = 1\n")
    with pytest.raises(ConfigError, match=r"^pyproject.toml: \[tool.deadcode\]: expected a table"):
        load_config(tmp_path)


@pytest.mark.parametrize("bad", ["/abs/path.py", "C:/x/y.py", "../outside", "a/../../outside", ".."])
def test_absolute_or_escaping_paths(tmp_path, bad):
    msg = dc_error(tmp_path, f'dev_roots = ["ok.py", "{bad}"]\n')
    assert msg.startswith("deadcode.toml: dev_roots[1]: ")
    assert "absolute" in msg or "outside the repository root" in msg


def test_escaping_path_in_keep_and_groups(tmp_path):
    assert "keep[0].path" in dc_error(tmp_path, 'keep = [{ path = "../x", reason = "r" }]\n')
    assert "groups[0].remove[0]" in dc_error(tmp_path, '[[groups]]\nname = "g"\nremove = ["path:/etc/x"]\n')


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            'public_endpoints = ["/api/x"]',
            "public_endpoints[0]: '/api/x' is not an endpoint: expected 'METHOD /path'",
        ),
        ('public_endpoints = ["GRAB /api/x"]', "unknown HTTP method 'GRAB'"),
        ('public_endpoints = ["GET api/x"]', "is not an endpoint"),
    ],
)
def test_public_endpoint_validation(tmp_path, text, expected):
    assert expected in dc_error(tmp_path, text + "\n")


def test_public_endpoint_any_method(tmp_path):
    assert dc(tmp_path, 'public_endpoints = ["* /hooks/*", "any /x"]\n').public_endpoints == (
        "* /hooks/*",
        "ANY /x",
    )


@pytest.mark.parametrize(
    "text, expected",
    [
        ('keep = "x"', "keep: expected a list of { path = ..., reason = ... } tables, got a string"),
        ('keep = ["x"]', "keep[0]: expected a table"),
        ('keep = [{ reason = "r" }]', "keep[0]: give exactly one of 'path' or 'endpoint'"),
        (
            'keep = [{ path = "a", endpoint = "GET /x", reason = "r" }]',
            "keep[0]: give exactly one of 'path' or 'endpoint'",
        ),
        ('keep = [{ path = "a" }]', "keep[0]: missing 'reason'"),
        ('keep = [{ path = "a", reason = "  " }]', "keep[0]: missing 'reason'"),
        ('keep = [{ path = "a", reason = 3 }]', "keep[0].reason: expected a string, got a number"),
        (
            'keep = [{ path = "a", reason = "r", why = "x" }]',
            "unknown key 'keep[0].why' (expected one of: path, endpoint, reason)",
        ),
        ('keep = [{ endpoint = "/x", reason = "r" }]', "keep[0].endpoint: '/x' is not an endpoint"),
        ('keep = [{ path = "", reason = "r" }]', "keep[0].path: empty string"),
    ],
)
def test_keep_validation(tmp_path, text, expected):
    assert expected in dc_error(tmp_path, text + "\n")


@pytest.mark.parametrize(
    "text, expected",
    [
        ('groups = "g"', "groups: expected an array of tables"),
        ('[[groups]]\ntitle = "t"\nremove = ["flag:X"]', "groups[0].name: expected a non-empty string"),
        ('[[groups]]\nname = " "\nremove = ["flag:X"]', "groups[0].name: expected a non-empty string"),
        (
            '[[groups]]\nname = "g"\nremove = ["flag:X"]\n[[groups]]\nname = "g"\nremove = ["flag:Y"]',
            "groups[1].name: duplicate group name 'g'",
        ),
        ('[[groups]]\nname = "g"', "groups[0].remove: missing"),
        ('[[groups]]\nname = "g"\nremove = []', "groups[0].remove: empty list"),
        (
            '[[groups]]\nname = "g"\nremove = "path:x"',
            "groups[0].remove: expected a list of strings, got a string",
        ),
        (
            '[[groups]]\nname = "g"\nremove = ["file:x.py"]',
            "groups[0].remove[0]: 'file:x.py': expected a prefix route:, endpoint:, path: or flag:",
        ),
        ('[[groups]]\nname = "g"\nremove = ["x.py"]', "expected a prefix route:"),
        ('[[groups]]\nname = "g"\nremove = ["route:"]', "nothing after 'route:'"),
        (
            '[[groups]]\nname = "g"\nremove = ["endpoint:/api/x"]',
            "groups[0].remove[0]: '/api/x' is not an endpoint",
        ),
        ('[[groups]]\nname = "g"\nremove = ["flag:A B"]', "flag names are identifiers"),
        ('[[groups]]\nname = "g"\ntitle = 1\nremove = ["flag:X"]', "groups[0].title: expected a string"),
        (
            '[[groups]]\nname = "g"\nremove = ["flag:X"]\nrmove = []',
            "unknown key 'groups[0].rmove' (did you mean 'remove'?",
        ),
    ],
)
def test_group_validation(tmp_path, text, expected):
    assert expected in dc_error(tmp_path, text + "\n")


def test_group_routes_normalised(tmp_path):
    cfg = dc(tmp_path, '[[groups]]\nname = "g"\nremove = ["route:sysop/usage", "path:./a/b/"]\n')
    assert cfg.groups[0].remove == ("route:/sysop/usage", "path:a/b")


# ------------------------------------------------------------------------------ flag_values


def test_flag_values(tmp_path):
    cfg = dc(tmp_path, '[flags]\nALERTING_BACKEND = "native"\nSTAGE = ["a", "b"]\nOFF = false\n')
    assert flag_values(cfg, "ALERTING_BACKEND") == ("native",)
    assert flag_values(cfg, "STAGE") == ("a", "b")
    assert flag_values(cfg, "OFF") == (False,)
    assert flag_values(cfg, "alerting_backend") == ("native",)  # pydantic settings ignore case
    assert flag_values(cfg, "MISSING") is None


def test_flag_values_ambiguous_case_is_unknown():
    cfg = Config(flags={"Mode": "a", "MODE": "b"})
    assert flag_values(cfg, "MODE") == ("b",)
    assert flag_values(cfg, "mode") is None


# ------------------------------------------------------------------------------ glob_match


@pytest.mark.parametrize(
    "path, pattern, expected",
    [
        # plain files and folders
        ("backend/app/main.py", "backend/app/main.py", True),
        ("backend/app/main.py", "./backend/app/main.py", True),
        ("backend/app/main.pyc", "backend/app/main.py", False),
        ("backend/app/tracing/x.py", "backend/app/tracing", True),
        ("backend/app/tracing/deep/x.py", "backend/app/tracing/", True),
        ("backend/app/tracing_utils.py", "backend/app/tracing", False),
        ("backend/app/tracing2/x.py", "backend/app/tracing", False),
        # ** at the start
        ("x.stories.tsx", "**/*.stories.tsx", True),
        ("a/b/x.stories.tsx", "**/*.stories.tsx", True),
        ("a/b/x.tsx", "**/*.stories.tsx", False),
        ("tests/test_a.py", "**/tests/**", True),
        ("backend/tests/api/test_a.py", "**/tests/**", True),
        ("backend/mytests/test_a.py", "**/tests/**", False),
        # ** in the middle (zero or more segments)
        ("backend/app/services/grafana/client.py", "backend/**/grafana/*.py", True),
        ("backend/grafana/client.py", "backend/**/grafana/*.py", True),
        ("backend/app/grafana2/client.py", "backend/**/grafana/*.py", False),
        ("frontend/src/a/b/c/Test.tsx", "frontend/**/Test.tsx", True),
        # ** at the end
        ("backend/app/services/grafana/x/y.py", "backend/app/services/grafana/**", True),
        ("backend/app/services/grafana", "backend/app/services/grafana/**", True),
        ("backend/app/services/grafana_old/x.py", "backend/app/services/grafana/**", False),
        ("anything/at/all.py", "**", True),
        # * and ? stay inside one segment; a folder match covers what is below
        ("frontend/src/pages/TestPage.tsx", "frontend/src/pages/Test*.tsx", True),
        ("frontend/src/pages/sub/TestPage.tsx", "frontend/src/pages/Test*.tsx", False),
        ("frontend/src/pages/sub/TestPage.tsx", "frontend/src/pages/*/TestPage.tsx", True),
        ("frontend/src/pages/sub/TestPage.tsx", "frontend/src/*/TestPage.tsx", False),
        ("backend/app/services/grafana/sub/x.py", "backend/app/services/grafana/*", True),
        ("x.py", "*.py", True),
        ("a/x.py", "*.py", False),  # anchored at ROOT: write **/*.py for any depth
        ("a/x1.py", "a/x?.py", True),
        ("a/x12.py", "a/x?.py", False),
        ("a/x/.py", "a/x?.py", False),
        # character classes
        ("a/v1.py", "a/v[0-9].py", True),
        ("a/vx.py", "a/v[0-9].py", False),
        ("a/vx.py", "a/v[!0-9].py", True),
        # regex metacharacters are literal
        ("a/b+c.py", "a/b+c.py", True),
        ("a/bbc.py", "a/b+c.py", False),
        ("a/(x).py", "a/(x).py", True),
    ],
)
def test_glob_match(path, pattern, expected):
    assert glob_match(path, pattern) is expected


# ------------------------------------------------------------------------------ route_match


@pytest.mark.parametrize(
    "route, pattern, expected",
    [
        ("/projects/:id", "/projects/*", True),
        ("/projects/new", "/projects/*", True),
        ("/projects/:id/edit", "/projects/*", True),  # fnmatch: * crosses '/'
        ("/projects", "/projects/*", False),
        ("/test", "/test", True),
        ("/test/", "/test", True),
        ("/test/tabs", "/test", True),  # children of an exact pattern
        ("/testing", "/test", False),
        ("/tests", "/test", False),
        ("/", "/", True),
        ("/anything", "/", False),
        ("/projects/:projectId", "/projects/:id", True),  # a parameter matches any parameter
        ("/projects/new", "/projects/:id", False),
        ("/api/x/{item_id}", "/api/x/{id}", True),
        ("/api/x/{item_id}", "/api/x/:id", True),
        ("/api/v0_1/webhooks/github", "/api/v0_1/webhooks/*", True),
        ("/api/v0_1/users", "/api/v0_1/webhooks/*", False),
        ("/sysop/usage", "sysop/usage", True),
        ("/Test", "/test", False),  # case-sensitive
        ("/a1", "/a?", True),
    ],
)
def test_route_match(route, pattern, expected):
    assert route_match(route, pattern) is expected


def test_route_match_without_children():
    assert route_match("/api/exporters", "/api/exporters", children=False)
    assert not route_match("/api/exporters/stats", "/api/exporters", children=False)
    assert route_match("/api/exporters/stats", "/api/exporters")


# ------------------------------------------------------------------------------ render_config_toml


def test_render_round_trips_through_the_loader(tmp_path):
    text = render_config_toml(
        {
            "groups": [
                {
                    "name": "g",
                    "title": "Grafana",
                    "remove": ["path:backend/grafana", "flag:ALERTING_BACKEND"],
                },
                GroupSpec("t", "Test page", ("route:/test",)),
            ],
            "verify": ["make test"],
            "flags": {"ALERTING_BACKEND": "native", "ENABLE_BUDGETS": False, "weird.name": 1, "UNSET": None},
            "entry": ["backend/app/main.py", "frontend/src/main.tsx"],
            "python_roots": ["backend"],
            "keep": [
                {"path": "backend/app/tracing", "reason": 'say "why"'},
                KeepRule(None, "GET /api/debug", "support"),
            ],
            "dev_routes": ["/test"],
            "helm": None,
        },
        comments={
            "entry": "detected entries",
            "flags.ALERTING_BACKEND": "Settings default in config.py",
            "flags.UNSET": "no literal default found",
            "entry[1]": "from index.html",
        },
        header="starter config",
    )
    lines = text.splitlines()
    assert lines[:2] == ["# starter config", "[tool.deadcode]"]
    keys = [ln.split(" =")[0] for ln in lines if " = " in ln and not ln.startswith((" ", "#"))]
    # contract order, groups (array of tables) last
    assert keys[:4] == ["python_roots", "entry", "dev_routes", "flags.ALERTING_BACKEND"]
    assert keys.index("verify") < keys.index("name")
    assert "# flags.UNSET = ?  # no literal default found" in lines
    assert '  "frontend/src/main.tsx",  # from index.html' in lines
    assert "helm" not in text
    write(tmp_path, "pyproject.toml", text)
    cfg = load_config(tmp_path)
    assert cfg.python_roots == ("backend",)
    assert cfg.entry == ("backend/app/main.py", "frontend/src/main.tsx")
    assert cfg.flags == {"ALERTING_BACKEND": "native", "ENABLE_BUDGETS": False, "weird.name": 1}
    assert cfg.keep == (
        KeepRule("backend/app/tracing", None, 'say "why"'),
        KeepRule(None, "GET /api/debug", "support"),
    )
    assert cfg.groups == (
        GroupSpec("g", "Grafana", ("path:backend/grafana", "flag:ALERTING_BACKEND")),
        GroupSpec("t", "Test page", ("route:/test",)),
    )
    assert cfg.verify == ("make test",)
    assert cfg.explicit == frozenset(
        {"python_roots", "entry", "dev_routes", "flags", "keep", "verify", "groups"}
    )


def test_render_top_level_for_deadcode_toml(tmp_path):
    text = render_config_toml(
        {"exclude": ["vendor"], "groups": [{"name": "g", "remove": ["flag:X"]}]}, table=None
    )
    assert "[tool.deadcode]" not in text and "[[groups]]" in text
    write(tmp_path, "deadcode.toml", text)
    cfg = load_config(tmp_path)
    assert cfg.exclude == ("vendor",) and cfg.groups == (GroupSpec("g", "g", ("flag:X",)),)


def test_render_escapes_strings(tmp_path):
    text = render_config_toml({"verify": ['echo "a\\b"\tdone']})
    write(tmp_path, "pyproject.toml", text)
    assert load_config(tmp_path).verify == ('echo "a\\b"\tdone',)


def test_render_rejects_unknown_keys():
    with pytest.raises(ValueError):
        render_config_toml({"entrys": []})


def test_globs_expand_braces_and_take_negations_back():
    from deadcode.discover.config import matches

    assert matches("frontend/src/a/App.tsx", ["frontend/src/**/*.{ts,tsx}"])
    assert matches("frontend/src/util.ts", ["frontend/src/**/*.{ts,tsx}"])
    assert not matches("frontend/src/util.js", ["frontend/src/**/*.{ts,tsx}"])
    assert matches("frontend/src/x.ts", ["frontend/**", "!frontend/src/keep.ts"])
    assert not matches("frontend/src/keep.ts", ["frontend/**", "!frontend/src/keep.ts"])
    assert not matches(
        "frontend/gen/a/b.ts", ["frontend/**", "!frontend/gen"]
    )  # a folder covers what is below


def test_config_globs_that_match_nothing_are_warnings(tmp_path):
    from tests.analysis.repo import make_repo, scan

    make_repo(
        tmp_path,
        {"frontend/src/App.tsx": "export default function App() { return null; }\n"},
        config="""
        python_roots = ["backend", "no_such_folder"]
        entry = ["backend/app/main.py", "backend/app/mian.py"]
        dev_roots = ["frontend/src/pages/TestPgae.tsx"]
        """,
    )
    loaded, _ = scan(tmp_path)
    text = "\n".join(loaded.warnings)
    assert "deadcode.toml: entry: 'backend/app/mian.py' matches no file" in text
    assert "deadcode.toml: dev_roots: 'frontend/src/pages/TestPgae.tsx' matches no file" in text
    assert "deadcode.toml: python_roots: folder 'no_such_folder' does not exist" in text
    assert "'backend/app/main.py'" not in text


def test_public_modules_are_dotted_patterns(tmp_path):
    from deadcode.discover.config import module_match

    c = dc(tmp_path, 'public_modules = ["chainlit.data.*", "mypkg.client", "mypkg.client"]\n')
    assert c.public_modules == ("chainlit.data.*", "mypkg.client")
    assert module_match("chainlit.data.sql_alchemy", "chainlit.data.*")
    assert module_match("chainlit.data.storage_clients.azure", "chainlit.data.*")
    assert not module_match("chainlit.langflow", "chainlit.data.*")
    assert module_match("mypkg.client.http", "mypkg.client") and not module_match(
        "mypkg.clients", "mypkg.client"
    )
    msg = dc_error(tmp_path, 'public_modules = ["chainlit/data/*.py"]\n')
    assert msg.startswith(
        "deadcode.toml: public_modules[0]: 'chainlit/data/*.py' is not a dotted module pattern"
    )
    assert "expected a list of strings" in dc_error(tmp_path, 'public_modules = "chainlit.data"\n')

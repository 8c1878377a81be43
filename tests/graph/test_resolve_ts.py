"""TS/JS module resolution on tiny in-memory repositories: one rule per test, with its miss."""

import json

from deadcode.graph.resolve_ts import External, TsResolver, package_name, parse_jsonc


def make(files, texts=None):
    """A resolver over ``files`` (a list, or a dict path -> text for config files)."""
    texts = dict(texts or {})
    if isinstance(files, dict):
        texts.update(files)
        files = list(files)
    reads = []

    def read_text(path):
        reads.append(path)
        value = texts.get(path)
        return json.dumps(value) if isinstance(value, (dict, list)) else value

    r = TsResolver(files, read_text)
    r.reads = reads
    return r


# ----------------------------------------------------------------------------- relative


def test_relative_extension_probing_order():
    r = make(["src/a.ts", "src/b.tsx", "src/c.js", "src/d.jsx", "src/e.mjs", "src/both.ts", "src/both.tsx"])
    imp = "src/main.tsx"
    assert r.resolve("./a", imp) == "src/a.ts"
    assert r.resolve("./b", imp) == "src/b.tsx"
    assert r.resolve("./c", imp) == "src/c.js"
    assert r.resolve("./d", imp) == "src/d.jsx"
    assert r.resolve("./e", imp) == "src/e.mjs"
    assert r.resolve("./both", imp) == "src/both.ts"


def test_declaration_only_when_nothing_else():
    r = make(["src/x.d.ts", "src/x.js", "src/only.d.ts"])
    assert r.resolve("./x", "src/m.ts") == "src/x.js"
    assert r.resolve("./only", "src/m.ts") == "src/only.d.ts"


def test_relative_parent_and_missing():
    r = make(["web/src/lib/api.ts", "web/src/pages/Home.tsx"])
    assert r.resolve("../lib/api", "web/src/pages/Home.tsx") == "web/src/lib/api.ts"
    assert r.resolve("../lib/nope", "web/src/pages/Home.tsx") is None  # missing: None, not External
    assert r.resolve("./", "web/src/pages/Home.tsx") is None


def test_relative_outside_repository_is_none():
    r = make(["a/b.ts", "x.ts"])
    assert r.resolve("../../x", "a/b.ts") is None
    assert r.resolve("../x", "a/b.ts") == "x.ts"


def test_index_files_and_file_beats_folder():
    r = make(
        [
            "src/components/index.tsx",
            "src/components/Button.tsx",
            "src/util.ts",
            "src/util/index.ts",
            "src/only/index.js",
        ]
    )
    imp = "src/App.tsx"
    assert r.resolve("./components", imp) == "src/components/index.tsx"
    assert r.resolve("./components/", imp) == "src/components/index.tsx"
    assert r.resolve("./util", imp) == "src/util.ts"
    assert r.resolve("./util/", imp) == "src/util/index.ts"  # a trailing slash names the folder
    assert r.resolve("./only", imp) == "src/only/index.js"
    assert r.resolve(".", "src/components/Button.tsx") == "src/components/index.tsx"
    assert r.resolve("./empty", imp) is None


def test_js_specifier_names_ts_source():
    r = make(["src/a.ts", "src/b.tsx", "src/c.mts", "src/real.js", "src/real.ts"])
    imp = "src/main.ts"
    assert r.resolve("./a.js", imp) == "src/a.ts"
    assert r.resolve("./b.js", imp) == "src/b.tsx"
    assert r.resolve("./b.jsx", imp) == "src/b.tsx"
    assert r.resolve("./c.mjs", imp) == "src/c.mts"
    assert r.resolve("./real.js", imp) == "src/real.js"  # an existing file wins (as in Vite)
    assert r.resolve("./gone.js", imp) is None


def test_exact_files_with_extension_and_vite_queries():
    r = make(["src/styles.css", "src/data.json", "src/logo.svg", "src/x.service.ts"])
    imp = "src/main.tsx"
    assert r.resolve("./styles.css", imp) == "src/styles.css"
    assert r.resolve("./data.json", imp) == "src/data.json"
    assert r.resolve("./logo.svg?react", imp) == "src/logo.svg"
    assert r.resolve("./x.service", imp) == "src/x.service.ts"
    assert r.resolve("./missing.css", imp) is None


def test_root_relative_specifier_is_from_the_package_folder():
    r = make({"web/package.json": {"name": "web"}, "web/src/main.tsx": ""})
    assert r.resolve("/src/main.tsx", "web/index.html") == "web/src/main.tsx"
    assert r.resolve("/src/nope.tsx", "web/index.html") is None


# ----------------------------------------------------------------------------- bare / external


def test_bare_specifiers_are_external_packages():
    r = make(["src/main.ts"])
    assert r.resolve("react", "src/main.ts") == External("react")
    assert r.resolve("@tanstack/react-query", "src/main.ts") == External("@tanstack/react-query")
    assert r.resolve("lodash/get", "src/main.ts") == External("lodash")
    assert r.resolve("@mui/material/Button", "src/main.ts") == External("@mui/material")
    assert r.resolve("node:fs", "src/main.ts") == External("node:fs")
    assert r.resolve("virtual:pwa-register", "src/main.ts") == External("virtual:pwa-register")


def test_unknown_alias_looking_specifiers_are_none_not_external():
    r = make(["src/main.ts"])
    assert r.resolve("@/components/x", "src/main.ts") is None
    assert r.resolve("~/x", "src/main.ts") is None
    assert r.resolve("#internal", "src/main.ts") is None


def test_package_name():
    assert package_name("react-dom/client") == "react-dom"
    assert package_name("@scope/pkg/deep/x") == "@scope/pkg"


# ----------------------------------------------------------------------------- tsconfig


def test_paths_alias_with_wildcard_and_several_targets():
    r = make(
        {
            "web/tsconfig.json": {
                "compilerOptions": {
                    "paths": {
                        "@/*": ["./src/*"],
                        "@shared/*": ["./src/generated/*", "./src/shared/*"],
                        "config": ["./src/config/prod.ts"],
                    }
                }
            },
            "web/src/lib/x.ts": "",
            "web/src/shared/y.ts": "",
            "web/src/generated/z.ts": "",
            "web/src/config/prod.ts": "",
            "web/src/main.tsx": "",
        }
    )
    imp = "web/src/main.tsx"
    assert r.resolve("@/lib/x", imp) == "web/src/lib/x.ts"
    assert r.resolve("@shared/y", imp) == "web/src/shared/y.ts"  # second target
    assert r.resolve("@shared/z", imp) == "web/src/generated/z.ts"  # first target wins
    assert r.resolve("config", imp) == "web/src/config/prod.ts"  # exact key
    assert r.resolve("@/lib/missing", imp) is None  # alias target missing: None, not External
    assert r.resolve("react", imp) == External("react")


def test_longest_prefix_pattern_wins():
    r = make(
        {
            "tsconfig.json": {"compilerOptions": {"paths": {"@/*": ["./a/*"], "@/ui/*": ["./b/*"]}}},
            "a/ui/Button.ts": "",
            "b/Button.ts": "",
            "m.ts": "",
        }
    )
    assert r.resolve("@/ui/Button", "m.ts") == "b/Button.ts"


def test_base_url_and_paths_precedence():
    r = make(
        {
            "tsconfig.json": {"compilerOptions": {"baseUrl": "src", "paths": {"utils/*": ["lib/utils/*"]}}},
            "src/utils/fmt.ts": "",  # what baseUrl alone would find
            "src/lib/utils/fmt.ts": "",  # paths targets are relative to baseUrl
            "src/components/Card.tsx": "",
            "src/main.ts": "",
        }
    )
    assert r.resolve("utils/fmt", "src/main.ts") == "src/lib/utils/fmt.ts"
    assert r.resolve("components/Card", "src/main.ts") == "src/components/Card.tsx"
    # a paths miss falls back to baseUrl (TypeScript does the same)
    assert r.resolve("utils/only-base", "src/main.ts") is None
    assert r.resolve("react", "src/main.ts") == External("react")


def test_paths_without_base_url_are_relative_to_their_config():
    r = make(
        {
            "configs/base.json": {"compilerOptions": {"paths": {"@lib/*": ["../lib/*"]}}},
            "web/tsconfig.json": {"extends": "../configs/base.json"},
            "lib/x.ts": "",
            "web/m.ts": "",
        }
    )
    assert r.resolve("@lib/x", "web/m.ts") == "lib/x.ts"


def test_catch_all_alias_miss_is_still_a_package():
    r = make(
        {
            "tsconfig.json": {"compilerOptions": {"paths": {"*": ["./types/*"]}}},
            "types/foo.ts": "",
            "m.ts": "",
        }
    )
    assert r.resolve("foo", "m.ts") == "types/foo.ts"
    assert r.resolve("react", "m.ts") == External("react")


def test_extends_chain_relative_and_unreadable_package():
    r = make(
        {
            "tsconfig.base.json": {"compilerOptions": {"baseUrl": ".", "paths": {"@app/*": ["web/src/*"]}}},
            "web/tsconfig.json": {"extends": ["@tsconfig/strictest/tsconfig.json", "../tsconfig.base"]},
            "web/src/a.ts": "",
            "web/src/m.ts": "",
        }
    )
    assert r.resolve("@app/a", "web/src/m.ts") == "web/src/a.ts"
    assert r.resolve("@app/none", "web/src/m.ts") is None
    assert r.problems == []


def test_extends_workspace_config_package_and_config_dir_template():
    # a shared config package of the monorepo (no node_modules in the repository)
    r = make(
        {
            "tooling/typescript/package.json": {"name": "@acme/tsconfig"},
            "tooling/typescript/base.json": {
                "compilerOptions": {"paths": {"~/*": ["${configDir}/src/*"]}},
                "include": ["${configDir}/src"],
            },
            "apps/web/tsconfig.json": {"extends": "@acme/tsconfig/base.json"},
            "apps/api/tsconfig.json": {"extends": "@acme/tsconfig/base"},
            "apps/web/src/env.ts": "",
            "apps/web/src/app/page.tsx": "",
            "apps/api/src/env.ts": "",
            "apps/api/src/main.ts": "",
        }
    )
    assert r.resolve("~/env", "apps/web/src/app/page.tsx") == "apps/web/src/env.ts"
    assert r.resolve("~/env", "apps/api/src/main.ts") == "apps/api/src/env.ts"
    assert r.config_for("apps/web/src/env.ts").includes("apps/web/src/env.ts")
    assert not r.config_for("apps/web/src/env.ts").includes("apps/api/src/env.ts")
    assert r.problems == []


def test_extends_child_overrides_parent_and_cycles_do_not_loop():
    r = make(
        {
            "base.json": {"extends": "./tsconfig.json", "compilerOptions": {"paths": {"@/*": ["./old/*"]}}},
            "tsconfig.json": {"extends": "./base.json", "compilerOptions": {"paths": {"@/*": ["./new/*"]}}},
            "old/x.ts": "",
            "new/x.ts": "",
            "m.ts": "",
        }
    )
    assert r.resolve("@/x", "m.ts") == "new/x.ts"
    assert any("cycle" in p for p in r.problems)


def test_extends_missing_relative_file_is_reported_and_ignored():
    r = make(
        {
            "tsconfig.json": {"extends": "./nope.json", "compilerOptions": {"paths": {"@/*": ["./s/*"]}}},
            "s/a.ts": "",
            "m.ts": "",
        }
    )
    assert r.resolve("@/a", "m.ts") == "s/a.ts"
    assert r.problems == ["tsconfig.json: extends ./nope.json not found, ignored"]


def test_jsonc_comments_and_trailing_commas():
    text = """
    // Vite template
    {
      "compilerOptions": {
        /* Bundler mode */
        "baseUrl": ".", // trailing comment
        "paths": {
          "@/*": ["./src/*",],   // trailing comma in the array
        },
        "comment-like": "http://example.com/*not a comment*/",
      },
    }
    """
    data = parse_jsonc(text)
    assert data["compilerOptions"]["paths"] == {"@/*": ["./src/*"]}
    assert data["compilerOptions"]["comment-like"] == "http://example.com/*not a comment*/"
    r = make(["web/tsconfig.json", "web/src/x.ts", "web/m.ts"], {"web/tsconfig.json": text})
    assert r.resolve("@/x", "web/m.ts") == "web/src/x.ts"


def test_broken_tsconfig_is_a_problem_not_a_crash():
    r = make(["tsconfig.json", "src/x.ts", "src/m.ts"], {"tsconfig.json": "{ not json"})
    assert r.resolve("./x", "src/m.ts") == "src/x.ts"
    assert r.resolve("@/x", "src/m.ts") is None
    assert r.problems == ["tsconfig.json: not valid JSON, ignored"]
    assert parse_jsonc('{"a": "unterminated') is None


def test_nearest_tsconfig_per_file():
    r = make(
        {
            "tsconfig.json": {"compilerOptions": {"paths": {"@/*": ["./root/*"]}}},
            "web/tsconfig.json": {"compilerOptions": {"paths": {"@/*": ["./src/*"]}}},
            "root/x.ts": "",
            "web/src/x.ts": "",
            "web/src/deep/m.ts": "",
            "tools/m.ts": "",
        }
    )
    assert r.resolve("@/x", "web/src/deep/m.ts") == "web/src/x.ts"
    assert r.resolve("@/x", "tools/m.ts") == "root/x.ts"


def test_solution_style_references_pick_the_project_including_the_file():
    r = make(
        {
            "web/tsconfig.json": {
                "files": [],
                "references": [{"path": "./tsconfig.app.json"}, {"path": "./tsconfig.node.json"}],
            },
            "web/tsconfig.app.json": {"include": ["src"], "compilerOptions": {"paths": {"@/*": ["./src/*"]}}},
            "web/tsconfig.node.json": {
                "include": ["vite.config.ts"],
                "compilerOptions": {"paths": {"@/*": ["./node/*"]}},
            },
            "web/src/lib/x.ts": "",
            "web/node/lib/x.ts": "",
            "web/src/main.tsx": "",
            "web/vite.config.ts": "",
            "web/scripts/gen.ts": "",
        }
    )
    assert r.resolve("@/lib/x", "web/src/main.tsx") == "web/src/lib/x.ts"
    assert r.resolve("@/lib/x", "web/vite.config.ts") == "web/node/lib/x.ts"
    # included by no project: the first referenced project with aliases
    assert r.resolve("@/lib/x", "web/scripts/gen.ts") == "web/src/lib/x.ts"


def test_include_globs_and_exclude():
    r = make(
        {
            "web/tsconfig.json": {
                "references": [{"path": "./tsconfig.test.json"}, {"path": "./tsconfig.app.json"}],
                "compilerOptions": {"paths": {"@/*": ["./main/*"]}},
            },
            "web/tsconfig.test.json": {
                "include": ["src/**/*.test.ts"],
                "compilerOptions": {"paths": {"@/*": ["./t/*"]}},
            },
            "web/tsconfig.app.json": {
                "include": ["src/**/*"],
                "exclude": ["src/legacy"],
                "compilerOptions": {"paths": {"@/*": ["./app/*"]}},
            },
            "web/t/x.ts": "",
            "web/app/x.ts": "",
            "web/main/x.ts": "",
            "web/src/a.test.ts": "",
            "web/src/a.ts": "",
            "web/src/legacy/old.ts": "",
        }
    )
    assert r.resolve("@/x", "web/src/a.test.ts") == "web/t/x.ts"
    assert r.resolve("@/x", "web/src/a.ts") == "web/app/x.ts"
    assert r.resolve("@/x", "web/src/legacy/old.ts") == "web/main/x.ts"  # excluded: the root config


def test_only_named_tsconfigs_in_folder():
    r = make(
        {
            "web/tsconfig.node.json": {"include": ["vite.config.ts"]},
            "web/tsconfig.app.json": {"include": ["src"], "compilerOptions": {"paths": {"@/*": ["./src/*"]}}},
            "web/src/x.ts": "",
            "web/src/m.ts": "",
            "web/other/m.ts": "",
        }
    )
    assert r.resolve("@/x", "web/src/m.ts") == "web/src/x.ts"
    assert r.resolve("@/x", "web/other/m.ts") == "web/src/x.ts"  # falls back to the one with aliases


def test_jsconfig_base_url():
    r = make(
        {"jsconfig.json": {"compilerOptions": {"baseUrl": "src"}}, "src/components/A.jsx": "", "src/i.js": ""}
    )
    assert r.resolve("components/A", "src/i.js") == "src/components/A.jsx"


# ----------------------------------------------------------------------------- package.json


def test_package_imports_patterns_and_conditions():
    r = make(
        {
            "web/package.json": {
                "name": "web",
                "imports": {
                    "#/*": "./src/*",
                    "#config": {
                        "types": "./src/config.d.ts",
                        "import": "./src/config.ts",
                        "default": "./src/config.cjs",
                    },
                    "#db": {"node": {"import": "./src/db-node.ts"}, "default": "./src/db.ts"},
                    "#polyfill": "core-js/stable",
                    "#blocked": None,
                },
            },
            "web/src/lib/x.ts": "",
            "web/src/config.ts": "",
            "web/src/config.cjs": "",
            "web/src/db.ts": "",
            "web/src/db-node.ts": "",
            "web/src/deep/m.ts": "",
        }
    )
    imp = "web/src/deep/m.ts"
    assert r.resolve("#/lib/x", imp) == "web/src/lib/x.ts"
    assert r.resolve("#config", imp) == "web/src/config.ts"  # import before default and types
    assert r.resolve("#db", imp) == "web/src/db.ts"  # default before node
    assert r.resolve("#polyfill", imp) == External("core-js")
    assert r.resolve("#blocked", imp) is None
    assert r.resolve("#/lib/missing", imp) is None
    assert r.resolve("#nothing", imp) is None


def test_package_imports_use_the_nearest_package_json():
    r = make(
        {
            "package.json": {"imports": {"#x": "./root-x.ts"}},
            "web/package.json": {"name": "web"},
            "root-x.ts": "",
            "web/m.ts": "",
            "m.ts": "",
        }
    )
    assert r.resolve("#x", "m.ts") == "root-x.ts"
    assert r.resolve("#x", "web/m.ts") is None


def test_workspace_packages_resolve_to_their_sources():
    r = make(
        {
            "packages/ui/package.json": {
                "name": "@acme/ui",
                "main": "dist/index.js",
                "types": "dist/index.d.ts",
            },
            "packages/ui/src/index.ts": "",
            "packages/ui/src/Button.tsx": "",
            "packages/api/package.json": {
                "name": "@acme/api",
                "exports": {
                    ".": {"types": "./dist/types/index.d.ts", "import": "./dist/esm/index.mjs"},
                    "./client/*": "./src/client/*.ts",
                    "./internal/*": None,
                },
            },
            "packages/api/src/index.ts": "",
            "packages/api/src/client/http.ts": "",
            "packages/cfg/package.json": {"name": "cfg", "module": "./lib.mjs"},
            "packages/cfg/lib.mjs": "",
            "packages/bare/package.json": {"name": "bare"},
            "packages/bare/index.js": "",
            "packages/broken/package.json": {"name": "broken", "main": "dist/x.js"},
            "web/src/main.tsx": "",
        }
    )
    imp = "web/src/main.tsx"
    assert r.resolve("@acme/ui", imp) == "packages/ui/src/index.ts"  # dist -> src
    assert r.resolve("@acme/ui/src/Button", imp) == "packages/ui/src/Button.tsx"
    assert r.resolve("@acme/ui/Button", imp) == "packages/ui/src/Button.tsx"
    assert r.resolve("@acme/api", imp) == "packages/api/src/index.ts"
    assert r.resolve("@acme/api/client/http", imp) == "packages/api/src/client/http.ts"
    assert r.resolve("@acme/api/internal/x", imp) is None
    assert r.resolve("@acme/api/unexported", imp) is None
    assert r.resolve("cfg", imp) == "packages/cfg/lib.mjs"
    assert r.resolve("bare", imp) == "packages/bare/index.js"
    assert r.resolve("broken", imp) is None  # in the repository, but its entry is missing
    assert r.resolve("@acme/other", imp) == External("@acme/other")


def test_workspace_build_output_maps_to_source_whatever_the_extension():
    r = make(
        {
            "packages/a/package.json": {"name": "a", "exports": {".": {"import": "./dist/esm/index.mjs"}}},
            "packages/a/src/index.ts": "",
            "packages/b/package.json": {"name": "b", "main": "./lib/cjs/main.cjs"},
            "packages/b/src/main.tsx": "",
            "packages/c/package.json": {"name": "c", "main": "./dist/index.js"},  # no source at all
            "packages/d/package.json": {"name": "d", "exports": {"require": "./d.cjs", "import": "./d.ts"}},
            "packages/d/d.ts": "",
            "packages/d/d.cjs": "",
            "packages/e/package.json": {"name": "e", "exports": "./e.tsx"},
            "packages/e/e.tsx": "",
            "m.ts": "",
        }
    )
    assert r.resolve("d", "m.ts") == "packages/d/d.ts"  # exports sugar: conditions of "."
    assert r.resolve("e", "m.ts") == "packages/e/e.tsx"  # exports sugar: a string
    assert r.resolve("a", "m.ts") == "packages/a/src/index.ts"
    assert r.resolve("b", "m.ts") == "packages/b/src/main.tsx"
    assert r.resolve("c", "m.ts") is None


def test_relative_folder_with_package_json_uses_its_entry():
    r = make(
        {
            "lib/package.json": {"main": "./main.js"},
            "lib/main.js": "",
            "lib/index.js": "",
            "m.js": "",
            "self/package.json": {"main": "."},
            "self/index.ts": "",
        }
    )
    assert r.resolve("./lib", "m.js") == "lib/main.js"
    assert r.resolve("./self", "m.js") == "self/index.ts"  # no endless loop on main "."


# ----------------------------------------------------------------------------- cost


def test_configs_are_read_once_and_results_memoised():
    r = make(
        {
            "web/tsconfig.json": {"compilerOptions": {"paths": {"@/*": ["./src/*"]}}},
            "web/package.json": {"name": "web"},
            **{f"web/src/f{i}.ts": "" for i in range(50)},
        }
    )
    for i in range(50):
        assert r.resolve(f"@/f{(i + 1) % 50}", f"web/src/f{i}.ts") == f"web/src/f{(i + 1) % 50}.ts"
        assert r.resolve("react", f"web/src/f{i}.ts") == External("react")
    assert sorted(r.reads) == ["web/package.json", "web/tsconfig.json"]


def test_explicit_source_extensions_resolve():
    # allowImportingTsExtensions: the specifier names the source itself
    r = make(["src/config/index.ts", "src/banner.tsx", "src/x.mts", "src/entry.ts"])
    assert r.resolve("./config/index.ts", "src/entry.ts") == "src/config/index.ts"
    assert r.resolve("./banner.tsx", "src/entry.ts") == "src/banner.tsx"
    assert r.resolve("./x.mts", "src/entry.ts") == "src/x.mts"
    assert r.resolve("./banner.js", "src/entry.ts") == "src/banner.tsx"  # .js names the .tsx it is built from
    assert r.resolve("./missing.ts", "src/entry.ts") is None


def test_relative_specifier_into_uncommitted_build_output_maps_to_source():
    r = make(
        {
            # zapier-style root index.js re-exporting the compiled app: dist/ is not committed
            "zap/index.js": "",
            "zap/src/index.ts": "",
            "zap/tsconfig.json": {"compilerOptions": {"outDir": "./dist", "rootDir": "./src"}},
            # a package compiling its own root (no rootDir, no src/)
            "n8n/index.js": "",
            "n8n/nodes/A.node.ts": "",
            "n8n/tsconfig.json": {"compilerOptions": {"outDir": "./dist/"}},
            # tsconfig rootDir other than src
            "app/index.js": "",
            "app/source/main.ts": "",
            "app/tsconfig.json": {"compilerOptions": {"outDir": "build", "rootDir": "source"}},
            # lib/ holds real sources: a miss there is a miss, not build output
            "real/lib/a.ts": "",
            "real/src/b.ts": "",
            "real/index.js": "",
        }
    )
    assert r.resolve("./dist/index.js", "zap/index.js") == "zap/src/index.ts"
    assert r.resolve("./dist/nodes/A.node.js", "n8n/index.js") == "n8n/nodes/A.node.ts"
    assert r.resolve("./build/main.js", "app/index.js") == "app/source/main.ts"
    assert r.resolve("./lib/b.js", "real/index.js") is None
    assert r.resolve("./dist/nothing.js", "zap/index.js") is None


def test_vite_resolve_alias_with_plain_paths():
    config = """import path from "path";
import { fileURLToPath, URL } from "node:url";
export default defineConfig({
  resolve: {
    alias: {
      // the app, then shared code, cheap, fast
      '@': path.resolve(__dirname, './src'), /* src, too */
      "~shared": fileURLToPath(new URL("../shared", import.meta.url)),
      "#root": "/src",
      react: path.resolve(__dirname, './node_modules/react'),
      dynamic: someVariable,
    },
  },
});"""
    r = make(
        {
            "web/vite.config.ts": config,
            "web/src/a/b.tsx": "",
            "web/src/main.tsx": "",
            "shared/x.ts": "",
            "web/src/c.ts": "",
        }
    )
    imp = "web/src/main.tsx"
    assert r.resolve("@/a/b", imp) == "web/src/a/b.tsx"
    assert r.resolve("~shared/x", imp) == "shared/x.ts"
    assert r.resolve("#root/c", imp) == "web/src/c.ts"
    assert r.resolve("react", imp) == External("react")  # an alias into node_modules is the package
    assert r.resolve("@/missing", imp) is None
    # array form
    arr = """export default { resolve: { alias: [{ find: "@app", replacement: path.resolve(__dirname, "src") }] } }"""
    r = make({"vite.config.js": arr, "src/z.ts": "", "m.ts": ""})
    assert r.resolve("@app/z", "m.ts") == "src/z.ts"

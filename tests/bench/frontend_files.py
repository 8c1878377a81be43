"""Frontend file texts of the synthetic monorepo: a React + TSX app under ``frontend/src``."""

from __future__ import annotations

from tests.bench.shapes import Area, Domain, camel, fill, pascal


def ts_api(d: Domain, relative_client: bool) -> str:
    P, PP, base = d.P, d.PP, d.full_url
    client_import = (
        'import { apiClient } from "../client";'
        if relative_client
        else 'import { apiClient } from "@/api/client";'
    )
    fields = "\n".join(f"  {camel(f)}: {ts};" for f, _, ts in d.fields)
    out = [
        client_import,
        "",
        f"export interface {P} {{",
        "  id: number;",
        "  tenantId: number;",
        "  name: string;",
        fields,
        "  createdAt: string;",
        "}",
        "",
        f"export interface {P}Input {{",
        "  name: string;",
        "  tags?: string[];",
        "}",
        "",
        f"export async function list{PP}(page = 1, size = 50): Promise<{P}[]> {{",
        f'  const {{ data }} = await apiClient.get<{P}[]>("{base}", {{ params: {{ page, size }} }});',
        "  return data;",
        "}",
        "",
    ]
    if d.search:
        out += [
            f"export async function search{PP}(q: string): Promise<{P}[]> {{",
            f"  const {{ data }} = await apiClient.get<{P}[]>(`{base}/search?q=${{encodeURIComponent(q)}}`);",
            "  return data;",
            "}",
            "",
        ]
    out += [
        f"export async function get{P}(id: number): Promise<{P}> {{",
        f"  const {{ data }} = await apiClient.get<{P}>(`{base}/${{id}}`);",
        "  return data;",
        "}",
        "",
        f"export async function create{P}(input: {P}Input): Promise<{P}> {{",
        f'  const {{ data }} = await apiClient.post<{P}>("{base}", input);',
        "  return data;",
        "}",
        "",
    ]
    if d.update:
        out += [
            f"export async function update{P}(id: number, input: Partial<{P}Input>): Promise<{P}> {{",
            f"  const {{ data }} = await apiClient.put<{P}>(`{base}/${{id}}`, input);",
            "  return data;",
            "}",
            "",
        ]
    if d.delete:
        out += [
            f"export async function delete{P}(id: number): Promise<void> {{",
            f"  await apiClient.delete(`{base}/${{id}}`);",
            "}",
            "",
        ]
    if d.action:
        out += [
            f"export async function {d.action}{P}(id: number): Promise<{P}> {{",
            f"  const {{ data }} = await apiClient.post<{P}>(`{base}/${{id}}/{d.action}`);",
            "  return data;",
            "}",
            "",
        ]
    if d.broken:
        out += [
            "// The stats endpoint moved to the reports service; this still calls the old path.",
            f"export async function get{P}Stats(id: number): Promise<Record<string, number>> {{",
            f"  const {{ data }} = await apiClient.get<Record<string, number>>(`{base}/${{id}}/stats`);",
            "  return data;",
            "}",
            "",
        ]
    if d.ts_unused:
        out += [
            f"export function describe{P}(item: {P}): string {{",
            "  return `${item.name} (#${item.id})`;",
            "}",
            "",
        ]
    return "\n".join(out).rstrip("\n") + "\n"


def ts_hook(d: Domain) -> str:
    P, PP = d.P, d.PP
    fns = [f"list{PP}", f"get{P}", f"create{P}"]
    if d.search:
        fns.append(f"search{PP}")
    if d.update:
        fns.append(f"update{P}")
    if d.delete:
        fns.append(f"delete{P}")
    if d.action:
        fns.append(f"{d.action}{P}")
    if d.broken:
        fns.append(f"get{P}Stats")
    imports = ", ".join(sorted(fns) + [f"type {P}", f"type {P}Input"])
    out = [
        'import { useCallback, useEffect, useState } from "react";',
        f'import {{ {imports} }} from "@/api/{d.area.name}/{camel(d.name)}Api";',
        'import { normalizeError } from "@/lib/errors";',
        "",
        f"export function use{PP}(page = 1) {{",
        f"  const [items, setItems] = useState<{P}[]>([]);",
        "  const [loading, setLoading] = useState(false);",
        "  const [error, setError] = useState<string | null>(null);",
        "",
        "  const reload = useCallback(async () => {",
        "    setLoading(true);",
        "    try {",
        f"      setItems(await list{PP}(page));",
        "      setError(null);",
        "    } catch (err) {",
        "      setError(normalizeError(err).message);",
        "    } finally {",
        "      setLoading(false);",
        "    }",
        "  }, [page]);",
        "",
        "  useEffect(() => {",
        "    void reload();",
        "  }, [reload]);",
        "",
        f"  const create = useCallback(async (input: {P}Input) => {{",
        f"    const created = await create{P}(input);",
        "    setItems((prev) => [created, ...prev]);",
        "    return created;",
        "  }, []);",
        "",
        f"  const fetchOne = useCallback((id: number) => get{P}(id), []);",
    ]
    ret = ["items", "loading", "error", "reload", "create", "fetchOne"]
    if d.search:
        out.append(f"  const search = useCallback((q: string) => search{PP}(q), []);")
        ret.append("search")
    if d.update:
        out += [
            "",
            f"  const update = useCallback(async (id: number, input: Partial<{P}Input>) => {{",
            f"    const updated = await update{P}(id, input);",
            "    setItems((prev) => prev.map((it) => (it.id === id ? updated : it)));",
            "  }, []);",
        ]
        ret.append("update")
    if d.delete:
        out += [
            "",
            "  const remove = useCallback(async (id: number) => {",
            f"    await delete{P}(id);",
            "    setItems((prev) => prev.filter((it) => it.id !== id));",
            "  }, []);",
        ]
        ret.append("remove")
    if d.action:
        out.append(f"  const {d.action} = useCallback((id: number) => {d.action}{P}(id), []);")
        ret.append(d.action)
    if d.broken:
        out.append(f"  const stats = useCallback((id: number) => get{P}Stats(id), []);")
        ret.append("stats")
    out += ["", f"  return {{ {', '.join(ret)} }};", "}"]
    if d.ts_unused:
        out += ["", f"export const {d.name.upper()}_PAGE_SIZES = [25, 50, 100] as const;"]
    return "\n".join(out) + "\n"


def ts_table(d: Domain) -> str:
    P = d.P
    cols = [("name", "Name")] + [(camel(f), pascal(f)) for f, _, _ in d.fields[:3]]
    head = "\n".join(f"          <th>{label}</th>" for _, label in cols)
    cells = "\n".join(f'              <td>{{String(item.{key} ?? "")}}</td>' for key, _ in cols)
    return fill(
        """import { useMemo, useState } from "react";
import type { «P» } from "@/api/«area»/«camel»Api";
import { Badge, Table } from "@/components/ui";
import { formatDate } from "@/lib/format";

interface «P»TableProps {
  items: «P»[];
  onSelect?: (id: number) => void;
  selectedId?: number | null;
}

export function «P»Table({ items, onSelect, selectedId }: «P»TableProps) {
  const [newestFirst, setNewestFirst] = useState(true);
  const sorted = useMemo(
    () =>
      [...items].sort((a, b) =>
        newestFirst ? b.createdAt.localeCompare(a.createdAt) : a.createdAt.localeCompare(b.createdAt),
      ),
    [items, newestFirst],
  );

  return (
    <Table>
      <thead>
        <tr>
«head»
          <th onClick={() => setNewestFirst(!newestFirst)} className="sortable">
            Created {newestFirst ? "↓" : "↑"}
          </th>
        </tr>
      </thead>
      <tbody>
        {sorted.map((item) => (
          <tr
            key={item.id}
            onClick={() => onSelect?.(item.id)}
            className={item.id === selectedId ? "selected" : undefined}
          >
«cells»
            <td>
              <Badge tone="neutral">{formatDate(item.createdAt)}</Badge>
            </td>
          </tr>
        ))}
      </tbody>
    </Table>
  );
}
""",
        P=P,
        area=d.area.name,
        camel=camel(d.name),
        head=head,
        cells=cells,
    )


def ts_form(d: Domain) -> str:
    return fill(
        """import { useState, type FormEvent } from "react";
import type { «P»Input } from "@/api/«area»/«camel»Api";
import { Button, Input, Select } from "@/components/ui";

interface «P»FormProps {
  initial?: Partial<«P»Input>;
  submitting?: boolean;
  onSubmit: (input: «P»Input) => void | Promise<unknown>;
}

const TAG_OPTIONS = ["important", "internal", "customer", "follow-up"];

export function «P»Form({ initial, submitting = false, onSubmit }: «P»FormProps) {
  const [name, setName] = useState(initial?.name ?? "");
  const [tag, setTag] = useState(initial?.tags?.[0] ?? "");
  const [touched, setTouched] = useState(false);
  const invalid = name.trim().length === 0;

  const handleSubmit = (event: FormEvent) => {
    event.preventDefault();
    setTouched(true);
    if (invalid) return;
    void onSubmit({ name: name.trim(), tags: tag ? [tag] : [] });
  };

  return (
    <form onSubmit={handleSubmit} className="form">
      <Input
        label="Name"
        value={name}
        onChange={(e) => setName(e.target.value)}
        error={touched && invalid ? "Name is required" : undefined}
      />
      <Select label="Tag" value={tag} onChange={(e) => setTag(e.target.value)}>
        <option value="">None</option>
        {TAG_OPTIONS.map((t) => (
          <option key={t} value={t}>
            {t}
          </option>
        ))}
      </Select>
      <Button type="submit" disabled={submitting}>
        {submitting ? "Saving…" : "Save «label»"}
      </Button>
    </form>
  );
}
""",
        P=d.P,
        area=d.area.name,
        camel=camel(d.name),
        label=d.name.replace("_", " "),
    )


def ts_extra(d: Domain, kind: str) -> str:
    name = f"{d.P}{kind}"
    return fill(
        """import { useMemo, useState } from "react";
import type { «P» } from "@/api/«area»/«camel»Api";
import { Card, EmptyState, Input } from "@/components/ui";
import { formatNumber } from "@/lib/format";
import { cn } from "@/lib/cn";

interface «name»Props {
  items: «P»[];
  compact?: boolean;
}

type SortKey = "count" | "key";

export function «name»({ items, compact = false }: «name»Props) {
  const [filter, setFilter] = useState("");
  const [sortKey, setSortKey] = useState<SortKey>("count");

  const visible = useMemo(() => {
    const needle = filter.trim().toLowerCase();
    return needle ? items.filter((item) => item.name.toLowerCase().includes(needle)) : items;
  }, [items, filter]);

  const byName = useMemo(() => {
    const groups = new Map<string, number>();
    for (const item of visible) {
      const key = item.name.slice(0, 1).toUpperCase() || "#";
      groups.set(key, (groups.get(key) ?? 0) + 1);
    }
    const rows = [...groups.entries()];
    return sortKey === "count" ? rows.sort((a, b) => b[1] - a[1]) : rows.sort((a, b) => a[0].localeCompare(b[0]));
  }, [visible, sortKey]);

  if (items.length === 0) {
    return <EmptyState title="No «label» yet" />;
  }

  return (
    <Card title="«title»" className={cn("«kebab»", compact && "compact")}>
      {!compact && <Input label="Filter" value={filter} onChange={(e) => setFilter(e.target.value)} />}
      <button className="link" onClick={() => setSortKey(sortKey === "count" ? "key" : "count")}>
        Sort by {sortKey === "count" ? "name" : "count"}
      </button>
      <ul>
        {byName.slice(0, compact ? 3 : 10).map(([key, count]) => (
          <li key={key}>
            <strong>{key}</strong> {formatNumber(count)}
          </li>
        ))}
      </ul>
      <p className="muted">
        {formatNumber(visible.length)} shown, {formatNumber(items.length)} in total
      </p>
    </Card>
  );
}
""",
        P=d.P,
        area=d.area.name,
        camel=camel(d.name),
        name=name,
        label=d.plural.replace("_", " "),
        title=f"{d.PP} {kind.lower()}",
        kebab=f"{d.url}-{kind.lower()}",
    )


def ts_page(d: Domain, domains: list[Domain]) -> str:
    P, PP = d.P, d.PP
    comps = [f"{P}Form", f"{P}Table"] + [f"{P}{k}" for k in d.ts_extras]
    hook_deps = [domains[j] for j in d.hook_deps]
    lines = [
        'import { useState } from "react";',
        'import { useNavigate } from "react-router-dom";',
        f'import {{ {", ".join(sorted(comps))} }} from "@/components/{d.area.name}";',
        'import { Button, Modal, PageHeader, Spinner, Tabs } from "@/components/ui";',
        f'import {{ use{PP} }} from "@/hooks/{d.area.name}/use{PP}";',
    ]
    for o in hook_deps:
        lines.append(f'import {{ use{o.PP} }} from "@/hooks/{o.area.name}/use{o.PP}";')
    lines.append("")
    head = f"export default function {PP}Page()" if d.lazy else f"export function {PP}Page()"
    lines += [
        f"{head} {{",
        "  const navigate = useNavigate();",
        f"  const {{ items, loading, error, create, reload }} = use{PP}();",
    ]
    for o in hook_deps:
        lines.append(f"  const {camel(o.plural)} = use{o.PP}();")
    lines += [
        "  const [creating, setCreating] = useState(false);",
        "  const [selected, setSelected] = useState<number | null>(null);",
        '  const [tab, setTab] = useState("all");',
        "",
        "  if (loading && items.length === 0) {",
        "    return <Spinner />;",
        "  }",
        "",
        "  return (",
        '    <div className="page">',
        f'      <PageHeader title="{d.plural.replace("_", " ").title()}" subtitle={{`${{items.length}} {d.plural.replace("_", " ")}`}}>',
        f"        <Button onClick={{() => setCreating(true)}}>New {d.name.replace('_', ' ')}</Button>",
        '        <Button variant="ghost" onClick={() => void reload()}>',
        "          Refresh",
        "        </Button>",
        "      </PageHeader>",
        '      {error && <p className="error">{error}</p>}',
        '      <Tabs value={tab} onChange={setTab} options={["all", "recent"]} />',
        f"      <{P}Table",
        '        items={tab === "all" ? items : items.slice(0, 10)}',
        "        selectedId={selected}",
        "        onSelect={(id) => {",
        "          setSelected(id);",
        f"          navigate(`{d.full_url}?selected=${{id}}`);",
        "        }}",
        "      />",
    ]
    for k in d.ts_extras:
        lines.append(f'      <{P}{k} items={{items}} compact={{tab !== "all"}} />')
    for o in hook_deps:
        lines.append(
            f'      <p className="muted">{{{camel(o.plural)}.items.length}} related {o.plural.replace("_", " ")}</p>'
        )
    lines += [
        f'      <Modal open={{creating}} title="New {d.name.replace("_", " ")}" onClose={{() => setCreating(false)}}>',
        f"        <{P}Form",
        "          onSubmit={async (input) => {",
        "            await create(input);",
        "            setCreating(false);",
        "          }}",
        "        />",
        "      </Modal>",
        "    </div>",
        "  );",
        "}",
    ]
    return "\n".join(lines) + "\n"


def ts_area_routes(a: Area) -> str:
    lines = []
    lazy = [d for d in a.domains if d.lazy]
    lines.append('import { lazy } from "react";' if lazy else "")
    lines.append('import { Route, Routes } from "react-router-dom";')
    for d in a.domains:
        if not d.lazy:
            lines.append(f'import {{ {d.PP}Page }} from "@/pages/{a.name}/{d.PP}Page";')
    if lazy:
        lines.append("")
    for d in lazy:
        lines.append(f'const {d.PP}Page = lazy(() => import("@/pages/{a.name}/{d.PP}Page"));')
    lines += ["", f"export function {a.pascal}Routes() {{", "  return (", "    <Routes>"]
    for d in a.domains:
        lines.append(f'      <Route path="{d.url}" element={{<{d.PP}Page />}} />')
    lines += ["    </Routes>", "  );", "}"]
    return "\n".join(lines).lstrip("\n") + "\n"


def ts_app(areas: list[Area]) -> str:
    first = areas[0].domains[0]
    lines = [
        'import { lazy, Suspense } from "react";',
        'import { Navigate, Route, Routes } from "react-router-dom";',
        'import { Layout } from "@/components/layout/Layout";',
        'import { Spinner } from "@/components/ui";',
    ]
    for a in areas:
        lines.append(f'import {{ {a.pascal}Routes }} from "@/routes/{a.pascal}Routes";')
    lines += [
        "",
        "// Developer playground: never linked from the navigation.",
        'const TestPage = lazy(() => import("@/pages/TestPage"));',
        "",
        "export function App() {",
        "  return (",
        "    <Layout>",
        "      <Suspense fallback={<Spinner />}>",
        "        <Routes>",
        f'          <Route path="/" element={{<Navigate to="{first.full_url}" replace />}} />',
    ]
    for a in areas:
        lines.append(f'          <Route path="/{a.url}/*" element={{<{a.pascal}Routes />}} />')
    lines += [
        '          {import.meta.env.DEV && <Route path="/test" element={<TestPage />} />}',
        '          <Route path="*" element={<Navigate to="/" replace />} />',
        "        </Routes>",
        "      </Suspense>",
        "    </Layout>",
        "  );",
        "}",
    ]
    return "\n".join(lines) + "\n"


MAIN_TSX = """import React from "react";
import ReactDOM from "react-dom/client";
import { BrowserRouter } from "react-router-dom";
import { App } from "./App";

const container = document.getElementById("root");
if (!container) {
  throw new Error("index.html has no #root element");
}

ReactDOM.createRoot(container).render(
  <React.StrictMode>
    <BrowserRouter>
      <App />
    </BrowserRouter>
  </React.StrictMode>,
);
"""

CLIENT_TS = """import axios from "axios";
import { normalizeError } from "@/lib/errors";

const TOKEN_KEY = "acme.token";

export const apiClient = axios.create({
  baseURL: "/api/v1",
  timeout: 15000,
  headers: { "Content-Type": "application/json" },
});

apiClient.interceptors.request.use((config) => {
  const token = window.localStorage.getItem(TOKEN_KEY);
  if (token) {
    config.headers.set("Authorization", `Bearer ${token}`);
  }
  return config;
});

apiClient.interceptors.response.use(
  (response) => response,
  (error) => {
    if (error?.response?.status === 401) {
      window.localStorage.removeItem(TOKEN_KEY);
      window.location.assign("/");
    }
    return Promise.reject(normalizeError(error));
  },
);
"""

LIB = {
    "lib/format.ts": """const dateFormat = new Intl.DateTimeFormat("en-GB", {
  year: "numeric",
  month: "short",
  day: "2-digit",
});

const numberFormat = new Intl.NumberFormat("en-GB");

export function formatDate(value: string | Date | null | undefined): string {
  if (!value) return "—";
  const date = typeof value === "string" ? new Date(value) : value;
  return Number.isNaN(date.getTime()) ? "—" : dateFormat.format(date);
}

export function formatNumber(value: number): string {
  return numberFormat.format(value);
}
""",
    "lib/errors.ts": """interface ApiError {
  status: number | null;
  message: string;
}

export function normalizeError(error: unknown): ApiError {
  if (typeof error === "object" && error !== null) {
    const e = error as { response?: { status?: number; data?: { detail?: unknown } }; message?: string };
    const detail = e.response?.data?.detail;
    return {
      status: e.response?.status ?? null,
      message: typeof detail === "string" ? detail : e.message ?? "Request failed",
    };
  }
  return { status: null, message: String(error) };
}
""",
    "lib/cn.ts": """export function cn(...parts: Array<string | false | null | undefined>): string {
  return parts.filter(Boolean).join(" ");
}
""",
}

UI_TSX = {
    "Button": """import type { ButtonHTMLAttributes } from "react";
import { cn } from "@/lib/cn";

interface ButtonProps extends ButtonHTMLAttributes<HTMLButtonElement> {
  variant?: "primary" | "ghost" | "danger";
}

export function Button({ variant = "primary", className, ...rest }: ButtonProps) {
  return <button className={cn("btn", `btn-${variant}`, className)} {...rest} />;
}
""",
    "Card": """import type { ReactNode } from "react";
import { cn } from "@/lib/cn";

interface CardProps {
  title?: string;
  className?: string;
  children: ReactNode;
}

export function Card({ title, className, children }: CardProps) {
  return (
    <section className={cn("card", className)}>
      {title && <h3 className="card-title">{title}</h3>}
      {children}
    </section>
  );
}
""",
    "Table": """import type { ReactNode } from "react";

export function Table({ children }: { children: ReactNode }) {
  return (
    <div className="table-wrap">
      <table className="table">{children}</table>
    </div>
  );
}
""",
    "Badge": """import type { ReactNode } from "react";
import { cn } from "@/lib/cn";

export function Badge({ tone = "neutral", children }: { tone?: "neutral" | "good" | "bad"; children: ReactNode }) {
  return <span className={cn("badge", `badge-${tone}`)}>{children}</span>;
}
""",
    "Input": """import type { InputHTMLAttributes } from "react";

interface InputProps extends InputHTMLAttributes<HTMLInputElement> {
  label: string;
  error?: string;
}

export function Input({ label, error, id, ...rest }: InputProps) {
  const inputId = id ?? label.toLowerCase().replace(/\\s+/g, "-");
  return (
    <label htmlFor={inputId} className="field">
      <span>{label}</span>
      <input id={inputId} aria-invalid={Boolean(error)} {...rest} />
      {error && <small className="error">{error}</small>}
    </label>
  );
}
""",
    "Select": """import type { SelectHTMLAttributes } from "react";

interface SelectProps extends SelectHTMLAttributes<HTMLSelectElement> {
  label: string;
}

export function Select({ label, children, ...rest }: SelectProps) {
  return (
    <label className="field">
      <span>{label}</span>
      <select {...rest}>{children}</select>
    </label>
  );
}
""",
    "Modal": """import { useEffect, type ReactNode } from "react";

interface ModalProps {
  open: boolean;
  title: string;
  onClose: () => void;
  children: ReactNode;
}

export function Modal({ open, title, onClose, children }: ModalProps) {
  useEffect(() => {
    if (!open) return;
    const onKey = (e: KeyboardEvent) => e.key === "Escape" && onClose();
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [open, onClose]);

  if (!open) return null;
  return (
    <div className="modal-backdrop" role="dialog" aria-label={title}>
      <div className="modal">
        <header>
          <h2>{title}</h2>
          <button onClick={onClose} aria-label="Close">×</button>
        </header>
        {children}
      </div>
    </div>
  );
}
""",
    "Spinner": """export function Spinner({ label = "Loading" }: { label?: string }) {
  return <div className="spinner" role="status" aria-label={label} />;
}
""",
    "EmptyState": """export function EmptyState({ title, hint }: { title: string; hint?: string }) {
  return (
    <div className="empty">
      <p>{title}</p>
      {hint && <small>{hint}</small>}
    </div>
  );
}
""",
    "PageHeader": """import type { ReactNode } from "react";

interface PageHeaderProps {
  title: string;
  subtitle?: string;
  children?: ReactNode;
}

export function PageHeader({ title, subtitle, children }: PageHeaderProps) {
  return (
    <header className="page-header">
      <div>
        <h1>{title}</h1>
        {subtitle && <p className="muted">{subtitle}</p>}
      </div>
      <div className="actions">{children}</div>
    </header>
  );
}
""",
    "Tabs": """import { cn } from "@/lib/cn";

interface TabsProps {
  value: string;
  options: string[];
  onChange: (value: string) => void;
}

export function Tabs({ value, options, onChange }: TabsProps) {
  return (
    <nav className="tabs" role="tablist">
      {options.map((option) => (
        <button
          key={option}
          role="tab"
          aria-selected={option === value}
          className={cn("tab", option === value && "active")}
          onClick={() => onChange(option)}
        >
          {option}
        </button>
      ))}
    </nav>
  );
}
""",
}


def ts_layout() -> str:
    return """import type { ReactNode } from "react";
import { Header } from "./Header";
import { Sidebar } from "./Sidebar";

export function Layout({ children }: { children: ReactNode }) {
  return (
    <div className="app-shell">
      <Header />
      <div className="app-body">
        <Sidebar />
        <main className="app-main">{children}</main>
      </div>
    </div>
  );
}
"""


def ts_header() -> str:
    return """import { Link } from "react-router-dom";

export function Header() {
  return (
    <header className="app-header">
      <Link to="/" className="brand">
        Acme Platform
      </Link>
    </header>
  );
}
"""


def ts_sidebar(areas: list[Area]) -> str:
    items = "\n".join(f'  {{ to: "{a.domains[0].full_url}", label: "{a.pascal}" }},' for a in areas)
    return fill(
        """import { NavLink } from "react-router-dom";

const SECTIONS = [
«items»
];

export function Sidebar() {
  return (
    <nav className="sidebar">
      {SECTIONS.map((s) => (
        <NavLink key={s.to} to={s.to} className={({ isActive }) => (isActive ? "active" : undefined)}>
          {s.label}
        </NavLink>
      ))}
    </nav>
  );
}
""",
        items=items,
    )


def ts_test_page(testers: list[str]) -> str:
    imports = "\n".join(f'import {{ {t} }} from "@/components/features/testing/{t}";' for t in testers)
    tabs = ", ".join(f'"{t}"' for t in testers)
    cases = "\n".join(f'      {{tab === "{t}" && <{t} />}}' for t in testers)
    return fill(
        """import { useState } from "react";
import { PageHeader, Tabs } from "@/components/ui";
«imports»

const TABS = [«tabs»];

/** Developer playground for components under construction (route /test, dev builds only). */
export default function TestPage() {
  const [tab, setTab] = useState(TABS[0]);
  return (
    <div className="page">
      <PageHeader title="Test page" subtitle="Not shipped to users" />
      <Tabs value={tab} onChange={setTab} options={TABS} />
«cases»
    </div>
  );
}
""",
        imports=imports,
        tabs=tabs,
        cases=cases,
    )


def ts_tester(name: str, d: Domain, uses_mock: bool) -> str:
    mock = 'import { MOCK_ROWS } from "./mockData";\n' if uses_mock else ""
    rows = "MOCK_ROWS" if uses_mock else "[]"
    return fill(
        """import { useState } from "react";
import { Button, Card } from "@/components/ui";
import { use«PP» } from "@/hooks/«area»/use«PP»";
«mock»
export function «name»() {
  const { items, reload } = use«PP»();
  const [log, setLog] = useState<string[]>([]);
  const rows: Array<{ id: number; label: string }> = «rows»;

  const run = async () => {
    const started = performance.now();
    await reload();
    const ms = Math.round(performance.now() - started);
    setLog((prev) => [`reload took ${ms} ms (${items.length} items)`, ...prev].slice(0, 20));
  };

  return (
    <Card title="«name»">
      <Button onClick={() => void run()}>Run</Button>
      <ul>
        {rows.map((r) => (
          <li key={r.id}>{r.label}</li>
        ))}
        {log.map((line, i) => (
          <li key={i}>{line}</li>
        ))}
      </ul>
    </Card>
  );
}
""",
        name=name,
        PP=d.PP,
        area=d.area.name,
        mock=mock,
        rows=rows,
    )


MOCK_DATA_TS = """export const MOCK_ROWS: Array<{ id: number; label: string }> = Array.from({ length: 25 }, (_, i) => ({
  id: i + 1,
  label: `Sample row ${i + 1}`,
}));
"""


def ts_unreachable(d: Domain, k: int, with_helper: bool) -> tuple[str, str, str | None, str | None]:
    """(path under src, text, helper path, helper text): an old panel nothing renders any more."""
    name = f"{d.P}LegacyPanel" if k == 0 else f"{d.P}LegacyPanel{k + 1}"
    helper_name = f"{name}.utils"
    helper_import = f'import {{ legacyColumns }} from "./{helper_name}";\n' if with_helper else ""
    cols = "legacyColumns()" if with_helper else '["name", "createdAt"]'
    text = fill(
        """import type { «P» } from "@/api/«area»/«camel»Api";
import { Card, Table } from "@/components/ui";
«helper_import»
/** The pre-2023 «label» panel; replaced by «P»Table. */
export function «name»({ items }: { items: «P»[] }) {
  const columns: string[] = «cols»;
  return (
    <Card title="«label» (old)">
      <Table>
        <thead>
          <tr>
            {columns.map((c) => (
              <th key={c}>{c}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {items.map((item) => (
            <tr key={item.id}>
              <td>{item.name}</td>
              <td>{item.createdAt}</td>
            </tr>
          ))}
        </tbody>
      </Table>
    </Card>
  );
}
""",
        P=d.P,
        area=d.area.name,
        camel=camel(d.name),
        helper_import=helper_import,
        label=d.plural.replace("_", " "),
        name=name,
        cols=cols,
    )
    path = f"components/{d.area.name}/{name}.tsx"
    if not with_helper:
        return path, text, None, None
    helper = """export function legacyColumns(): string[] {
  return ["name", "createdAt", "status"];
}

export const LEGACY_PAGE_SIZE = 20;
"""
    return path, text, f"components/{d.area.name}/{helper_name}.ts", helper

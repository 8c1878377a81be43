"""Names, constants and the shapes (area, domain, flag gate) the benchmark generator builds on."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

AREA_WORDS = [
    "accounts",
    "billing",
    "catalog",
    "inventory",
    "orders",
    "analytics",
    "alerts",
    "projects",
    "clusters",
    "databases",
    "reports",
    "search",
    "identity",
    "admin",
    "notifications",
    "integrations",
    "storage",
    "workflows",
    "audit",
    "teams",
    "support",
    "pricing",
    "shipping",
    "compliance",
    "scheduling",
    "messaging",
    "documents",
    "metrics",
    "backups",
    "deployments",
    "security",
    "onboarding",
    "marketing",
    "finance",
    "payroll",
    "procurement",
    "assets",
    "tickets",
    "knowledge",
    "experiments",
]
AREA_SUFFIXES = ["ops", "portal", "insights", "core", "hub", "center"]
NOUNS = [
    "invoice",
    "payment",
    "customer",
    "order",
    "product",
    "supplier",
    "warehouse",
    "shipment",
    "ticket",
    "member",
    "team",
    "role",
    "permission",
    "project",
    "cluster",
    "database",
    "backup",
    "snapshot",
    "saved_query",
    "report",
    "dashboard",
    "alert",
    "rule",
    "webhook",
    "token",
    "session",
    "tenant",
    "plan",
    "subscription",
    "coupon",
    "budget",
    "forecast",
    "metric",
    "event",
    "trace",
    "job",
    "schedule",
    "task",
    "workflow",
    "document",
    "template",
    "comment",
    "attachment",
    "tag",
    "label",
    "category",
    "region",
    "zone",
    "node",
    "volume",
    "bucket",
    "policy",
    "audit_entry",
    "import_batch",
    "notification",
    "channel",
    "message",
    "thread",
    "contact",
    "lead",
    "campaign",
    "segment",
    "experiment",
    "feature",
    "release",
    "deployment",
    "environment",
    "secret",
    "certificate",
    "domain",
    "endpoint",
    "integration",
    "connector",
    "pipeline",
    "dataset",
    "prediction",
    "annotation",
    "review",
    "approval",
    "contract",
    "vendor",
    "asset",
    "license",
    "device",
    "location",
    "shift",
    "timesheet",
    "expense",
    "refund",
    "discount",
    "quote",
    "address",
    "preference",
    "favorite",
    "bookmark",
    "survey",
    "answer",
    "milestone",
    "sprint",
]
MODIFIERS = [
    "daily",
    "shared",
    "archived",
    "external",
    "custom",
    "scheduled",
    "tenant",
    "usage",
    "quota",
    "draft",
    "pending",
    "recurring",
    "regional",
    "partner",
    "internal",
    "public",
    "private",
    "primary",
    "nightly",
    "weekly",
    "monthly",
    "cost",
    "risk",
    "bulk",
]
ACTIONS = ["archive", "restore", "sync", "approve", "refresh", "publish", "duplicate"]
FIELD_TYPES = [
    ("description", "str | None = None", "string | null"),
    ("status", 'str = "active"', "string"),
    ("priority", "int = 0", "number"),
    ("owner_id", "int | None = None", "number | null"),
    ("amount", "float = 0.0", "number"),
    ("enabled", "bool = True", "boolean"),
    ("external_ref", "str | None = None", "string | null"),
    ("notes", "str | None = None", "string | null"),
    ("score", "float | None = None", "number | null"),
    ("region", 'str = "eu-west-1"', "string"),
    ("retries", "int = 3", "number"),
    ("visibility", 'str = "private"', "string"),
]
PY_HELPER_KINDS = [
    ("validators", "validate"),
    ("mappers", "map"),
    ("notifications", "notify"),
    ("exporters", "export"),
    ("tasks", "schedule"),
    ("permissions", "check"),
    ("metrics", "record"),
    ("formatters", "format"),
]
TS_EXTRA_KINDS = ["Card", "Filters", "Details", "Chart", "Toolbar", "Summary", "History", "StatusBadge"]
UI_COMPONENTS = [
    "Button",
    "Card",
    "Table",
    "Badge",
    "Input",
    "Select",
    "Modal",
    "Spinner",
    "EmptyState",
    "PageHeader",
    "Tabs",
]
TESTER_NAMES = [
    "FaviconTester",
    "StreamingChatTester",
    "QueryPerformanceTester",
    "ClusterManagementTester",
    "RagAgentTester",
    "WebsocketTester",
    "ThemeTester",
    "ToastTester",
    "UploadTester",
    "FeatureFlagTester",
    "PermissionTester",
    "ChartTester",
    "SessionTester",
    "EmailPreviewTester",
]
INTEGRATIONS = [
    ("grafana", "ALERTING_BACKEND"),
    ("elastic", "SEARCH_BACKEND"),
    ("datadog", "METRICS_BACKEND"),
    ("pagerduty", "PAGING_BACKEND"),
    ("sentry", "ERRORS_BACKEND"),
    ("opsgenie", "ONCALL_BACKEND"),
    ("splunk", "LOGGING_BACKEND"),
    ("statuspage", "STATUS_BACKEND"),
    ("jaeger", "TRACING_BACKEND"),
    ("mailgun", "EMAIL_BACKEND"),
]
GATED_MODULES = [
    "client",
    "dashboards",
    "alerts",
    "datasources",
    "folders",
    "contact_points",
    "policies",
    "silences",
    "annotations",
    "provisioning",
    "mappers",
    "errors",
    "sync",
    "health",
    "teams",
]
CORE_MODULES = ["database", "errors", "pagination", "logging_setup", "cache", "security", "events", "clock"]
TS_FIXED = [
    "main.tsx",
    "App.tsx",
    "api/client.ts",
    "lib/format.ts",
    "lib/errors.ts",
    "lib/cn.ts",
    "components/ui/index.ts",
    "components/layout/Layout.tsx",
    "components/layout/Sidebar.tsx",
    "components/layout/Header.tsx",
] + [f"components/ui/{c}.tsx" for c in UI_COMPONENTS]
PY_FIXED_COUNT = (
    5 + (1 + len(CORE_MODULES)) + 3
)  # app/{__init__,main,config}, api/{__init__,router}; core; 3 pkg inits


def fill(template: str, **kw) -> str:
    """Fill «name» markers (no clash with Python, JSX or TS template-literal braces)."""
    return re.sub(r"«(\w+)»", lambda m: str(kw[m.group(1)]), template)


def pascal(snake: str) -> str:
    return "".join(w[:1].upper() + w[1:] for w in snake.split("_"))


def camel(snake: str) -> str:
    p = pascal(snake)
    return p[:1].lower() + p[1:]


def plural(snake: str) -> str:
    head, _, last = snake.rpartition("_")
    if last.endswith("y") and last[-2:-1] not in "aeiou":
        last = last[:-1] + "ies"
    elif last.endswith(("s", "x", "ch", "sh")):
        last += "es"
    else:
        last += "s"
    return f"{head}_{last}" if head else last


@dataclass
class Area:
    name: str  # snake
    domains: list = field(default_factory=list)

    @property
    def url(self) -> str:
        return self.name.replace("_", "-")

    @property
    def pascal(self) -> str:
        return pascal(self.name)


@dataclass
class Domain:
    index: int
    name: str
    area: Area
    fields: list
    search: bool
    update: bool
    delete: bool
    action: str | None
    service_deps: list = field(default_factory=list)  # indices of lower domains
    hook_deps: list = field(default_factory=list)
    py_helpers: list = field(default_factory=list)  # (module suffix, verb)
    ts_extras: list = field(default_factory=list)  # component suffixes
    lazy: bool = False
    orphan: bool = False
    broken: bool = False
    py_unused: bool = False
    ts_unused: bool = False
    gates: list = field(default_factory=list)  # Gate objects this service imports behind a flag

    # names
    @property
    def plural(self) -> str:
        return plural(self.name)

    @property
    def P(self) -> str:
        return pascal(self.name)

    @property
    def PP(self) -> str:
        return pascal(self.plural)

    @property
    def url(self) -> str:
        return self.plural.replace("_", "-")

    @property
    def full_url(self) -> str:
        return f"/{self.area.url}/{self.url}"


@dataclass
class Gate:
    package: str
    flag: str
    boolean: bool
    modules: list  # module names inside app/services/<package>/ (without __init__)

    @property
    def condition_py(self) -> str:
        if self.boolean:
            return f"settings.{self.flag}"
        return f'settings.{self.flag} in ("{self.package}", "both")'

    @property
    def settings_fields(self) -> list[str]:
        up = self.package.upper()
        return [f"{up}_URL", f"{up}_API_KEY"]

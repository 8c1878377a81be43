"""``plan`` as text: groups, ordered steps, and their diffs (coloured on a terminal). Names and
diff lines come from the repository: their control characters are printed escaped."""

from __future__ import annotations

from deadcode.output.escape import terminal, terminal_lines


def _color_diff(patch: str, color: bool) -> str:
    patch = terminal_lines(patch)
    if not color:
        return patch
    out = []
    for line in patch.splitlines(keepends=True):
        if line.startswith(("+++", "---", "diff --git")):
            out.append(f"\x1b[1m{line}\x1b[0m")
        elif line.startswith("+"):
            out.append(f"\x1b[32m{line}\x1b[0m")
        elif line.startswith("-"):
            out.append(f"\x1b[31m{line}\x1b[0m")
        elif line.startswith("@@"):
            out.append(f"\x1b[36m{line}\x1b[0m")
        else:
            out.append(line)
    return "".join(out)


def render_plan_text(plans, color: bool = False) -> str:
    out = []
    if not plans:
        return "deadcode: nothing to remove\n"
    from deadcode.plan.planner import verification_summary

    for p in plans:
        out.append(f"== {terminal(p.name)}: {terminal(p.title)} [{p.status}] ({len(p.steps)} steps)")
        summary = verification_summary(p)
        if summary:
            out.append(f"   verified: {terminal(summary)}")
        for note in p.notes:
            out.append(f"   note: {terminal(note)}")
        for s in p.steps:
            flag = "  [needs review]" if s.needs_review else ""
            if not s.ok:
                flag += "  [unverified" + ("" if s.applied else ", not applied") + "]"
            out.append(f"  {s.order}. {s.action:<6} {terminal(s.summary)}{flag}")
            for check, verdict in s.verified.items():
                if verdict.startswith("failed"):
                    out.append(f"       {check} {terminal(verdict)}")
            if s.action == "check":
                out += [f"       {terminal(e)}" for e in s.evidence]
            if s.patch and s.action != "delete":
                out.append(_color_diff(s.patch, color).rstrip("\n"))
            elif s.action == "delete":
                out += [f"       delete {terminal(p_)}" for p_ in s.paths]
        out.append("")
    return "\n".join(out) + "\n"

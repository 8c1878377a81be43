"""The review report (Markdown and self-contained HTML) built from one analysis."""

from deadcode.report.render import build_report_model, render_html, render_markdown, write_report

__all__ = ["build_report_model", "render_html", "render_markdown", "write_report"]

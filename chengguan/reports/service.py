"""What callers outside this app use: the report as bytes for a download (UI, API), or as a file
(CLI). ``annual_report`` is the function the staff UI calls for its download button."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from chengguan.core.errors import Invalid
from chengguan.org.models import OrgUnit, Staff
from chengguan.org.permissions import require
from chengguan.reports import renderers
from chengguan.reports.builder import Report, build

FORMATS = {
    "md": "text/markdown; charset=utf-8",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
}


def check_format(fmt: str) -> None:
    if fmt not in FORMATS:
        raise Invalid("报告格式应为 md、docx 或 pdf", details={"format": "应为 md、docx 或 pdf"})


def filename(bureau: OrgUnit, year: int, fmt: str) -> str:
    return f"{bureau.short_name or bureau.name}{year}年法治政府建设情况报告.{fmt}"


def render(
    report: Report, fmt: str, *, asset_dir: Path | None = None, asset_prefix: str = ""
) -> bytes:
    check_format(fmt)
    if fmt == "md":
        return renderers.to_markdown(report, asset_dir, asset_prefix).encode("utf-8")
    if fmt == "docx":
        return renderers.to_docx(report)
    return renderers.to_pdf(report)


def annual_report(
    bureau: OrgUnit, year: int, fmt: str, progress: Callable[[str], None] | None = None
) -> tuple[bytes, str, str]:
    """(content, content type, file name) of the report; Markdown carries its charts inline."""
    check_format(fmt)
    report = build(bureau, year, progress=progress)
    if progress is not None:
        progress(f"排版：{fmt}")
    return render(report, fmt), FORMATS[fmt], filename(bureau, year, fmt)


def annual_report_for(actor: Staff, year: int, fmt: str) -> tuple[bytes, str, str]:
    """The same for a signed-in user: permission first, and always the user's own bureau."""
    require(actor, "reports.view")
    if actor.bureau is None:
        raise Invalid("没有所属机关")
    return annual_report(actor.bureau, year, fmt)

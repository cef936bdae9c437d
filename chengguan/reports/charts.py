"""The report's charts (matplotlib, Chinese labels in WenQuanYi Zen Hei), as PNG bytes."""

from __future__ import annotations

import io
import logging
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
from django.db.models import Count, Q, Sum
from django.db.models.functions import ExtractMonth, TruncMonth
from matplotlib import font_manager

from chengguan.citycases.models import CityCase
from chengguan.citycases.states import HOTLINE_SOURCES, Status
from chengguan.core.clock import SHANGHAI
from chengguan.governance.models import LawPost
from chengguan.org.models import OrgUnit
from chengguan.reports.figures import Figures, year_bounds

CJK_FONT = Path("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc")
MONTHS = [f"{m}月" for m in range(1, 13)]


@dataclass
class Chart:
    key: str
    caption: str
    png: bytes


@cache
def _font() -> str:
    """Register the CJK font once; without it the Chinese labels would render as boxes."""
    # The .ttc has one weight; matplotlib says so on every chart, which is noise on the terminal.
    logging.getLogger("matplotlib.font_manager").setLevel(logging.ERROR)
    if CJK_FONT.exists():
        font_manager.fontManager.addfont(str(CJK_FONT))
        name = font_manager.FontProperties(fname=str(CJK_FONT)).get_name()
    else:  # pragma: no cover - sysdeps installs the font
        name = "DejaVu Sans"
    plt.rcParams["font.sans-serif"] = [name, "DejaVu Sans"]
    plt.rcParams["font.family"] = "sans-serif"
    plt.rcParams["axes.unicode_minus"] = False
    return name


def _png(fig: plt.Figure) -> bytes:
    buf = io.BytesIO()
    fig.tight_layout()
    fig.savefig(buf, format="png", dpi=150)
    plt.close(fig)
    return buf.getvalue()


def _label_bars(ax: plt.Axes, bars: object) -> None:
    ax.bar_label(bars, fontsize=8, padding=2)  # type: ignore[arg-type]


def citycases_by_month(bureau: OrgUnit, year: int) -> Chart:
    start, end = year_bounds(year)
    rows = (
        CityCase.objects.filter(bureau=bureau, reported_at__gte=start, reported_at__lt=end)
        .exclude(source__in=HOTLINE_SOURCES)
        .exclude(status=Status.MERGED)
        .annotate(m=ExtractMonth("reported_at", tzinfo=SHANGHAI))
        .values("m")
        .annotate(
            n=Count("id"),
            done=Count("id", filter=Q(status__in=[Status.HANDLED, Status.VERIFIED, Status.CLOSED])),
        )
    )
    collected, disposed = [0] * 12, [0] * 12
    for r in rows:
        collected[r["m"] - 1], disposed[r["m"] - 1] = r["n"], r["done"]
    _font()
    fig, ax = plt.subplots(figsize=(7.2, 3.4))
    x = range(12)
    ax.bar([i - 0.2 for i in x], collected, width=0.4, label="采集上报", color="#3b6ea5")
    ax.bar([i + 0.2 for i in x], disposed, width=0.4, label="已处置", color="#6aa84f")
    ax.set_xticks(list(x), MONTHS)
    ax.set_ylabel("件")
    ax.set_ylim(0, max([*collected, 1]) * 1.25)
    ax.set_title(f"{year}年数字城管案件逐月采集与处置")
    ax.legend(frameon=False, ncol=2, loc="upper left")
    ax.spines[["top", "right"]].set_visible(False)
    return Chart("citycases_by_month", f"{year}年数字城管案件逐月采集与处置情况", _png(fig))


def appeals_by_source(figures: Figures) -> Chart:
    keys = [
        ("hotline", "12345热线"),
        ("petition", "信访"),
        ("letter_visit", "来信来访"),
        ("efficiency", "效能投诉"),
    ]
    counts = [int(figures.value(f"{k}_orders") or 0) for k, _ in keys]
    _font()
    fig, ax = plt.subplots(figsize=(7.2, 3.0))
    bars = ax.barh([label for _, label in keys], counts, color="#e69138")
    _label_bars(ax, bars)
    ax.invert_yaxis()
    ax.set_xlabel("件")
    ax.set_title(
        f"{figures.year}年群众诉求受理情况（结案率 {figures['appeals_closure_rate'].text}）"
    )
    ax.spines[["top", "right"]].set_visible(False)
    return Chart("appeals_by_source", f"{figures.year}年群众诉求按来源分布", _png(fig))


def penalties_by_procedure(figures: Figures) -> Chart:
    labels = ["普通程序", "简易程序", "不予处罚"]
    values = [
        int(figures.value(k) or 0) for k in ("penalty_general", "penalty_simple", "not_penalized")
    ]
    _font()
    fig, ax = plt.subplots(figsize=(7.2, 2.8))
    bars = ax.bar(labels, values, color=["#3b6ea5", "#6fa8dc", "#b7b7b7"], width=0.5)
    _label_bars(ax, bars)
    ax.set_ylabel("件")
    ax.set_title(
        f"{figures.year}年行政处罚案件按程序分布（法制审核率 {figures['legal_review_rate'].text}）"
    )
    ax.spines[["top", "right"]].set_visible(False)
    return Chart("penalties_by_procedure", f"{figures.year}年行政处罚案件按程序分布", _png(fig))


def posts_by_month(bureau: OrgUnit, year: int) -> Chart:
    online = [LawPost.Channel.WECHAT, LawPost.Channel.DOUYIN, LawPost.Channel.WEBSITE]
    rows = (
        LawPost.objects.filter(bureau=bureau, published_on__year=year, channel__in=online)
        .annotate(m=TruncMonth("published_on"))
        .values("m", "channel")
        .annotate(n=Sum("count"))
    )
    series = {c: [0] * 12 for c in online}
    for r in rows:
        series[r["channel"]][r["m"].month - 1] += int(r["n"] or 0)
    _font()
    fig, ax = plt.subplots(figsize=(7.2, 3.0))
    bottom = [0] * 12
    colours = ["#6aa84f", "#cc4125", "#3d85c6"]
    for colour, channel in zip(colours, online, strict=True):
        ax.bar(MONTHS, series[channel], bottom=bottom, label=channel.label, color=colour)
        bottom = [a + b for a, b in zip(bottom, series[channel], strict=True)]
    ax.set_ylabel("篇")
    ax.set_ylim(0, max([*bottom, 1]) * 1.3)
    ax.set_title(f"{year}年新媒体普法推文逐月发布")
    ax.legend(frameon=False, ncol=3, loc="upper left")
    ax.spines[["top", "right"]].set_visible(False)
    return Chart("posts_by_month", f"{year}年新媒体普法推文逐月发布情况", _png(fig))

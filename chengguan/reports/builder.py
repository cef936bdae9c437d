"""The annual report as a list of blocks: the seed report's outline, narrative paragraphs rendered
from editable templates with the computed figures, the charts, and the appendix of methods.

The three output formats (renderers.py) all print the same blocks.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from django.template import Context, Engine

from chengguan.core import clock
from chengguan.org.models import OrgUnit
from chengguan.reports import charts, method721  # --- helper:service --- method721
from chengguan.reports.figures import Figures, compute
from chengguan.reports.models import NarrativeTemplate

TEMPLATE_DIR = Path(__file__).resolve().parent / "templates" / "reports" / "annual"
_engine = Engine(dirs=[str(TEMPLATE_DIR)], autoescape=False)


@dataclass
class Block:
    kind: str  # title | meta | h1 | h2 | p | image | table
    text: str = ""
    png: bytes = b""
    rows: list[list[str]] = field(default_factory=list)


@dataclass
class Report:
    bureau: OrgUnit
    year: int
    figures: Figures
    blocks: list[Block]

    @property
    def title(self) -> str:
        return f"{self.bureau.name}关于{self.year}年法治政府建设情况的报告"


# (heading level, heading, template key or None, chart key or None)
OUTLINE: list[tuple[str, str, str | None, str | None]] = [
    ("p", "", "intro", None),
    (
        "h1",
        "一、党政主要负责人履行推进法治建设第一责任人职责，加强法治政府建设。",
        "leadership",
        None,
    ),
    ("h1", "二、推进法治政府建设的主要举措和成效。", None, None),
    ("h2", "（一）强化业务学习培训指导，法治综合能力有效提升。", "training", None),
    (
        "h2",
        "（二）健全文明规范执法机制，队伍规范执法有力改善。",
        "conduct",
        "penalties_by_procedure",
    ),
    ("h2", "（三）执法流程坚持依法依规，行政执法风险得到防控。", "procedure", None),
    ("h2", "（四）重视城市管理立法立规，依法行政体系逐步完善。", "rules", None),
    ("h2", "（五）坚持依法落实改革工作，行政服务效能全面提升。", "reform", None),
    ("p", "", "permits", None),  # --- helper:permits2 ---
    (
        "h2",
        "（六）落实“谁执法谁普法”责任制，法治宣传得到切实加强。",
        "popularisation",
        "posts_by_month",
    ),
    ("h2", "（七）合力回应处理群众诉求，社会矛盾得到有效化解。", "appeals", "citycases_by_month"),
    ("p", "", "suggestions", None),  # --- helper:permits2 ---
    # --- helper:service --- 服务型执法 and the "721" method, with its table per unit below
    ("h2", "（八）推行服务型行政执法，“721”工作法落地见效。", "service721", None),
    # --- /helper:service ---
    ("h1", "三、推进法治政府建设存在的不足、原因和问题整改情况。", "shortcomings", None),
    ("h1", "四、下一年度推进法治政府建设初步安排。", "next_year", None),
]
TEMPLATE_KEYS = [key for _, _, key, _ in OUTLINE if key]


# --- helper:service ---
def method721_rows(bureau: OrgUnit, year: int) -> list[list[str]]:
    """The "721" table of the report: one row per unit, then the whole bureau."""
    m = method721.figures(bureau, year)
    rows = [["单位", "服务", "管理", "执法", "合计", "服务占比", "管理占比", "执法占比"]]
    for line in [*m["units"], {**m["total"], "name": "全局合计"}]:
        rows.append(
            [
                str(line["name"]),
                *(str(line[k]) for k in ("service", "management", "enforcement", "total")),
                *(f"{line['percent'][k]}%" for k in ("service", "management", "enforcement")),
            ]
        )
    return rows


# --- /helper:service ---


def template_source(bureau: OrgUnit, key: str) -> str:
    """The bureau's own wording if it saved one (admin: 报告段落模板), else the shipped file."""
    row = NarrativeTemplate.objects.filter(bureau=bureau, key=key).first()
    if row is not None:
        return row.body
    return (TEMPLATE_DIR / f"{key}.txt").read_text(encoding="utf-8")


def _audience(n: int) -> str:
    return f"{n // 10000}万余人次" if n >= 10000 else f"{n}人次"


def _context(figures: Figures) -> dict[str, object]:
    v = figures.value
    return {
        "f": figures,
        "year": figures.year,
        "bureau": figures.bureau,
        "audience_text": _audience(int(v("post_audience") or 0)),
        "city_checks": int(v("inspections_city_checks") + v("inspections_city_supervision")),
        "county_supervision": int(
            v("inspections_county_supervision") + v("inspections_county_checks")
        ),
    }


def paragraphs(bureau: OrgUnit, key: str, figures: Figures) -> list[str]:
    text = _engine.from_string(template_source(bureau, key)).render(Context(_context(figures)))
    return [p.strip() for p in text.split("\n\n") if p.strip()]


def build(
    bureau: OrgUnit,
    year: int,
    *,
    with_charts: bool = True,
    progress: Callable[[str], None] | None = None,
) -> Report:
    say = progress or (lambda _: None)
    figures = compute(bureau, year, progress=say)
    say("生成图表……" if with_charts else "跳过图表")
    chart_map: dict[str, charts.Chart] = {}
    if with_charts:
        for chart in (
            charts.penalties_by_procedure(figures),
            charts.posts_by_month(bureau, year),
            charts.citycases_by_month(bureau, year),
            charts.appeals_by_source(figures),
        ):
            chart_map[chart.key] = chart
    say("撰写正文……")
    blocks = [
        Block("title", f"{bureau.name}关于{year}年法治政府建设情况的报告"),
        Block("meta", f"来源：{bureau.name}　　生成日期：{clock.today():%Y-%m-%d}"),
    ]
    figure_no = 0
    for kind, heading, key, chart_key in OUTLINE:
        if heading:
            blocks.append(Block(kind, heading))
        if key:
            blocks.extend(Block("p", p) for p in paragraphs(bureau, key, figures))
        if key == "service721":  # --- helper:service ---
            blocks.append(Block("table", rows=method721_rows(bureau, year)))
        if chart_key and chart_key in chart_map:
            shown = [chart_map[chart_key]]
            if chart_key == "citycases_by_month" and "appeals_by_source" in chart_map:
                shown.append(chart_map["appeals_by_source"])
            for chart in shown:
                figure_no += 1
                blocks.append(Block("image", f"图{figure_no}　{chart.caption}", png=chart.png))
    blocks.append(Block("h1", "附录：数据口径说明"))
    blocks.append(
        Block(
            "p",
            f"本报告中的数字均由系统按下列口径从业务记录中自动统计，统计期间为{year}年1月1日至"
            f"12月31日（北京时间）；比率保留两位小数，四舍五入；分母为零时记为“—”。",
        )
    )
    rows = [["序号", "指标", "数值", "计算方法"]]
    for n, fig in enumerate(figures, start=1):
        value = fig.text if fig.unit == "%" or fig.value is None else f"{fig.text}{fig.unit}"
        rows.append([str(n), fig.label, value, fig.method])
    blocks.append(Block("table", rows=rows))
    return Report(bureau=bureau, year=year, figures=figures, blocks=blocks)

"""Reading the State Council's holiday notice (国务院办公厅关于部分节假日安排的通知) into day rows.

Two ways of writing a line are understood (issue #15 item 9, decision 089):

- dates as numbers: ``2027-01-01至2027-01-03 放假``, ``2027-01-01 放假``, ``2027-02-07 上班``,
  optionally after a name (``元旦：2027-01-01至2027-01-03 放假``);
- the notice's own wording: ``一、元旦：1月1日（周五）至3日（周日）放假，共3天。``,
  ``二、春节：2月6日（农历腊月三十、周六）至14日（周日）放假调休，共9天。2月7日（周日）、2月20日（周六）上班。``
  — month-and-day dates take the year written in the notice (``2027年``) or the one given.

A line without any date is prose (the title, the closing paragraph) and is skipped; a line with a
date that is neither 放假 nor 上班, or a date that does not exist, is refused naming the line.
Pure: no database; ``preview`` and ``apply`` are the callers' (``org.calendar_notice``).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from chengguan.core.errors import Invalid

ISO = r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})"
MD = r"(?:(\d{4})年)?(\d{1,2})月(\d{1,2})日"
NOTE = r"(?:[（(][^）)]*[）)])?"  # （周五）、（农历腊月三十、周六）
TO = r"\s*(?:至|到|~|～|—)\s*"
ISO_RANGE = re.compile(ISO + NOTE + rf"(?:{TO}{ISO}{NOTE})?")
MD_RANGE = re.compile(MD + NOTE + rf"(?:{TO}(?:(\d{{1,2}})月)?(\d{{1,2}})日{NOTE})?")
DAY_LIKE = re.compile(r"\d{4}[-/.]\d{1,2}[-/.]\d{1,2}|\d{1,2}月\d{1,2}日")
NAME = re.compile(r"^\s*(?:[一二三四五六七八九十]+[、.．]\s*)?([^：:，,。0-9]{1,10})[：:]")
YEAR = re.compile(r"(\d{4})年")
SEGMENTS = re.compile(r"[，,。；;]")
MAX_RANGE_DAYS = 15  # the longest holiday of a notice is 8–9 days; more is a typing error


@dataclass(frozen=True)
class NoticeDay:
    date: dt.date
    is_workday: bool
    name: str
    line: int  # 1-based line of the pasted text


def _refuse(line_no: int, line: str, why: str) -> Invalid:
    text = line.strip()
    if len(text) > 60:
        text = text[:60] + "…"
    return Invalid(
        f"第 {line_no} 行无法识别：{why}（“{text}”）",
        details={"line": line_no, "text": why},
    )


def _date(year: int, month: int, day: int, line_no: int, line: str) -> dt.date:
    try:
        return dt.date(year, month, day)
    except ValueError:
        raise _refuse(line_no, line, f"日期 {year}-{month:02d}-{day:02d} 不存在") from None


def _ranges(
    segment: str, year: int | None, line_no: int, line: str
) -> list[tuple[dt.date, dt.date]]:
    """Every date or date range written in ``segment``, in either way of writing."""
    found: list[tuple[dt.date, dt.date]] = []
    rest = segment
    for m in ISO_RANGE.finditer(segment):
        y1, m1, d1, y2, m2, d2 = m.groups()
        start = _date(int(y1), int(m1), int(d1), line_no, line)
        end = _date(int(y2), int(m2), int(d2), line_no, line) if y2 else start
        found.append((start, end))
        rest = rest.replace(m.group(0), " ")
    for m in MD_RANGE.finditer(rest):
        y1, m1, d1, m2, d2 = m.groups()
        y = int(y1) if y1 else year
        if y is None:
            raise _refuse(line_no, line, "未写年度：请在“年度”中填写，或粘贴含“××××年”的通知全文")
        start = _date(y, int(m1), int(d1), line_no, line)
        end = start
        if d2:
            end_month = int(m2) if m2 else start.month
            end_year = y + 1 if end_month < start.month else y  # 12月31日至1月2日
            end = _date(end_year, end_month, int(d2), line_no, line)
        found.append((start, end))
    return found


def parse(text: str, year: int | None = None) -> list[NoticeDay]:
    """The day rows a notice sets, in date order; ``Invalid`` naming the first bad line."""
    if not text.strip():
        raise Invalid("请粘贴通知内容或按行填写日期", details={"text": "必填"})
    written = YEAR.search(text)
    if year is None and written:
        year = int(written.group(1))
    days: dict[dt.date, NoticeDay] = {}
    for line_no, line in enumerate(text.splitlines(), start=1):
        if not DAY_LIKE.search(line):
            continue  # prose: the title, "经国务院批准……", the closing paragraph
        named = NAME.match(line)
        name = named.group(1).strip() if named else ""
        for segment in SEGMENTS.split(line):
            if not DAY_LIKE.search(segment):
                continue
            if "放假" in segment:
                is_workday, label = False, name or "放假"
            elif "上班" in segment:
                is_workday, label = True, f"{name}调休上班" if name else "调休上班"
            else:
                raise _refuse(line_no, line, "日期后须写“放假”或“上班”")
            for start, end in _ranges(segment, year, line_no, line):
                if end < start:
                    raise _refuse(line_no, line, "结束日期早于开始日期")
                if (end - start).days + 1 > MAX_RANGE_DAYS:
                    raise _refuse(line_no, line, f"放假区间超过 {MAX_RANGE_DAYS} 天")
                if is_workday and end != start:
                    raise _refuse(line_no, line, "调休上班须逐日列出，不能写区间")
                day = start
                while day <= end:
                    known = days.get(day)
                    if known is not None and known.is_workday != is_workday:
                        raise _refuse(
                            line_no,
                            line,
                            f"{day:%Y-%m-%d} 与第 {known.line} 行矛盾（既放假又上班）",
                        )
                    days[day] = NoticeDay(day, is_workday, label[:40], line_no)
                    day += dt.timedelta(days=1)
    if not days:
        raise Invalid(
            "未找到任何放假或上班日期：每行应写如“2027-01-01至2027-01-03 放假”或“2027-02-07 上班”",
            details={"text": "未找到日期"},
        )
    return [days[d] for d in sorted(days)]

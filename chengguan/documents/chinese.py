"""Chinese forms of dates and money as 执法文书 write them."""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal

_DIGITS = "〇一二三四五六七八九"
_CAPITAL = "零壹贰叁肆伍陆柒捌玖"
_UNITS = ["", "拾", "佰", "仟"]
_SECTIONS = ["", "万", "亿", "万亿"]


def _small_number(n: int) -> str:
    """1..99 as 一, 十, 十二, 二十, 二十一 (the day and month of a signature date)."""
    if n < 10:
        return _DIGITS[n]
    tens, ones = divmod(n, 10)
    head = "" if tens == 1 else _DIGITS[tens]
    return head + "十" + (_DIGITS[ones] if ones else "")


def seal_date(day: dt.date) -> str:
    """The date under the seal: 二〇二四年五月六日."""
    year = "".join(_DIGITS[int(c)] for c in str(day.year))
    return f"{year}年{_small_number(day.month)}月{_small_number(day.day)}日"


def text_date(day: dt.date | None) -> str:
    """A date inside the text: 2024年5月6日 (or a blank to fill in by hand)."""
    if day is None:
        return "____年__月__日"
    return f"{day.year}年{day.month}月{day.day}日"


def _section_capital(n: int) -> str:
    out = ""
    zero = False
    for pos in range(3, -1, -1):
        digit = (n // 10**pos) % 10
        if digit == 0:
            zero = bool(out)
            continue
        if zero:
            out += "零"
            zero = False
        out += _CAPITAL[digit] + _UNITS[pos]
    return out


def yuan_capital(amount: Decimal) -> str:
    """Money in capital figures as on a fine: 12345.60 → 壹万贰仟叁佰肆拾伍元陆角整."""
    cents = int((amount * 100).quantize(Decimal(1), rounding=ROUND_HALF_UP))
    if cents < 0:
        raise ValueError("amount must not be negative")
    whole, frac = divmod(cents, 100)
    jiao, fen = divmod(frac, 10)
    text = ""
    if whole:
        sections: list[int] = []
        while whole:
            whole, rest = divmod(whole, 10000)
            sections.append(rest)
        need_zero = False
        for index in range(len(sections) - 1, -1, -1):
            part = sections[index]
            if part == 0:
                need_zero = bool(text)
                continue
            if text and (need_zero or part < 1000):
                text += "零"
            text += _section_capital(part) + _SECTIONS[index]
            need_zero = False
        text += "元"
    if not jiao and not fen:
        return (text or "零元") + "整"
    if jiao:
        text += _CAPITAL[jiao] + "角"
    elif text:
        text += "零"
    if fen:
        text += _CAPITAL[fen] + "分"
    else:
        text += "整"
    return text


def yuan(amount: Decimal) -> str:
    """人民币500元（大写：伍佰元整）."""
    figure = f"{amount.quantize(Decimal('0.01')):f}".removesuffix(".00")
    return f"人民币{figure}元（大写：{yuan_capital(amount)}）"

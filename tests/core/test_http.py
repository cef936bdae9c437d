"""core/http.py: the download header the API and the staff pages both send."""

from __future__ import annotations

from chengguan.core.http import content_disposition


def test_an_ascii_fallback_and_the_utf8_chinese_name() -> None:
    header = content_disposition("行政处罚决定书 2024/1.pdf")
    assert header == (
        'attachment; filename="document.pdf"; '
        "filename*=UTF-8''%E8%A1%8C%E6%94%BF%E5%A4%84%E7%BD%9A%E5%86%B3%E5%AE%9A%E4%B9%A6"
        "%202024%2F1.pdf"
    )

"""A general-procedure penalty case end to end through the HTTP API, every action of API.md:
open → register → evidence ×2 → conclude → notify → request_hearing → hearing → statement → review
→ discuss → decide → serve → pay → close → archive (16 requests), then GET and compliance.

Requests go through Django's full WSGI handler in this process (middleware, auth, JSON, the action,
the ledger), so the time measured per request is server time without network. Target (issue 4):
< 1 s of server time per case. SQLite in a temp home; the demo data is built first.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import statistics
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
import _setup

CASES = 30
PASSWORD = "bench-pass"


def main() -> None:
    _setup.setup()
    from django.core.management import call_command
    from django.test import Client
    from stdnum.cn import ric

    from chengguan.core.clock import SHANGHAI, frozen_at

    # --- helper:demo --- the seed year, as before decision 089
    call_command(
        "demo", "--password", PASSWORD, "--year", "2024", verbosity=0, stdout=io.StringIO()
    )
    client = Client()
    tokens: dict[str, str] = {}
    for user in ("officer1", "head", "reviewer"):
        r = client.post(
            "/api/v1/auth/token",
            json.dumps({"username": user, "password": PASSWORD}),
            content_type="application/json",
        )
        tokens[user] = r.json()["token"]
    timings: dict[str, list[float]] = {}

    def call(user: str, method: str, path: str, body: Any = None, label: str = "") -> Any:
        headers = {"Authorization": f"Bearer {tokens[user]}"}
        started = time.perf_counter()
        if method == "GET":
            r = client.get(f"/api/v1/{path}", headers=headers)
        else:
            r = client.post(
                f"/api/v1/{path}",
                json.dumps(body or {}),
                content_type="application/json",
                headers=headers,
            )
        timings.setdefault(label or path.rsplit("/", 1)[-1], []).append(
            time.perf_counter() - started
        )
        assert r.status_code in (200, 201), (path, r.content.decode())
        return r.json()

    def on(day: dt.date) -> Any:
        return frozen_at(dt.datetime.combine(day, dt.time(10), SHANGHAI))

    per_case: list[float] = []
    fine = {
        "penalty_types": ["fine"],
        "level": "general",
        "grounds": [],
        "correction": "责令立即停止占用城市道路，恢复原状",
    }
    for i in range(CASES):
        base = f"41132319850101{i:03d}"
        party = {
            "kind": "person",
            "name": f"当事人{i}",
            "id_number": base + ric.calc_check_digit(base),
            "address": "示范县人民路",
            "phone": "13800000000",
        }
        before = sum(sum(v) for v in timings.values())
        with on(dt.date(2025, 6, 3)):
            case = call(
                "officer1",
                "POST",
                "penalty-cases",
                {
                    "procedure": "general",
                    "power_item": "SZ001",
                    "party": party,
                    "facts": "擅自占用城市道路经营",
                    "act_date": "2025-05-30",
                    "discovered_date": "2025-06-03",
                    "officers": ["officer1", "officer2"],
                },
                label="open",
            )
            p = f"penalty-cases/{case['id']}"
            call("head", "POST", f"{p}/register")
            call(
                "officer1",
                "POST",
                f"{p}/evidence",
                {
                    "kind": "inspection_record",
                    "description": "现场检查笔录",
                    "certificates_shown": ["officer1", "officer2"],
                },
            )
            call(
                "officer1",
                "POST",
                f"{p}/evidence",
                {
                    "kind": "statement",
                    "description": "询问笔录",
                    "certificates_shown": ["officer1", "officer2"],
                },
            )
            call(
                "officer1",
                "POST",
                f"{p}/conclude",
                {"outcome": "penalty", "proposal": {**fine, "fine_amount": "12000"}},
            )
            call("officer1", "POST", f"{p}/notify", {"served_on": "2025-06-03"})
            call("officer1", "POST", f"{p}/request_hearing", {"requested_on": "2025-06-03"})
        with on(dt.date(2025, 6, 16)):
            call(
                "officer1",
                "POST",
                f"{p}/hearing",
                {
                    "held_on": "2025-06-16",
                    "chair": "supervisor",
                    "notified_on": "2025-06-04",
                    "record": "听证笔录",
                },
            )
            call("officer1", "POST", f"{p}/statement", {"content": "请求从轻", "accepted": True})
            call("reviewer", "POST", f"{p}/review", {"approved": True, "opinion": "同意"})
            call(
                "head",
                "POST",
                f"{p}/discuss",
                {"participants": ["甲", "乙", "丙"], "minutes": "讨论", "conclusion": "罚款一万元"},
            )
            call("head", "POST", f"{p}/decide", {**fine, "fine_amount": "10000"})
            call("officer1", "POST", f"{p}/serve", {"served_on": "2025-06-16", "method": "direct"})
        with on(dt.date(2025, 6, 20)):
            call(
                "officer1",
                "POST",
                f"{p}/pay",
                {"amount": "10000", "paid_on": "2025-06-20", "channel": "bank"},
            )
            call("head", "POST", f"{p}/close")
            call("reviewer", "POST", f"{p}/archive")
            call("officer1", "GET", p, label="get")
            call("officer1", "GET", f"{p}/compliance", label="compliance")
        per_case.append(sum(sum(v) for v in timings.values()) - before)

    per_case_ms = sorted(t * 1000 for t in per_case)
    steps = {k: round(statistics.median(v) * 1000, 2) for k, v in timings.items()}
    figures = {
        "cases": CASES,
        "requests_per_case": sum(len(v) for v in timings.values()) // CASES,
        "server_ms_per_case_median": round(statistics.median(per_case_ms), 1),
        "server_ms_per_case_p95": round(per_case_ms[int(0.95 * (len(per_case_ms) - 1))], 1),
        "server_ms_per_case_max": round(per_case_ms[-1], 1),
        "target_ms_per_case": 1000,
        "median_ms_per_step": steps,
        "database": "sqlite",
    }
    print(
        f"一般程序案件全流程（{figures['requests_per_case']} 个请求）服务器时间："
        f"中位数 {figures['server_ms_per_case_median']} ms，"
        f"P95 {figures['server_ms_per_case_p95']} ms，最大 {figures['server_ms_per_case_max']} ms"
        "（目标 < 1000 ms）"
    )
    for step, ms in steps.items():
        print(f"  {step:<16} {ms:>8.2f} ms")
    _setup.write("penalties", figures)


if __name__ == "__main__":
    main()

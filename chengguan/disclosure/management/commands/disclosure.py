"""``chengguan disclosure withdraw-revoked`` (XF-48).

``withdraw-revoked`` is idempotent: run it from cron or a huey periodic task every working day.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from chengguan.disclosure.actions import withdraw_revoked


class Command(BaseCommand):
    help = "执法公示：撤下已被撤销或变更的处罚决定公示"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("verb", choices=["withdraw-revoked"])

    def handle(self, *args: Any, **opts: Any) -> None:
        done = withdraw_revoked()
        for pub in done:
            self.stdout.write(f"已撤下：{pub.decision_number}（{pub.withdraw_reason}）")
        self.stdout.write(f"共撤下 {len(done)} 条")

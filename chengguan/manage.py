"""The ``chengguan`` console script: Django's manage.py under a product name."""

import os
import sys


def main(argv: list[str] | None = None) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "chengguan.settings")
    from django.core.management import execute_from_command_line  # once the settings are named

    execute_from_command_line(argv if argv is not None else sys.argv)


if __name__ == "__main__":
    main()

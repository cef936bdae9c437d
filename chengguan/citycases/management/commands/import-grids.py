"""``chengguan import-grids``: the hyphenated name of ``import_grids``."""

from chengguan.citycases.management.commands.import_grids import Command

__all__ = ["Command"]

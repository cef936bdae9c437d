"""SQLite backend whose write transactions queue first come, first served (see base.py)."""

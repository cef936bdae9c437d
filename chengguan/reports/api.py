"""REST endpoints of this domain (mounted in chengguan.api.main)."""

from ninja import Router

router = Router()

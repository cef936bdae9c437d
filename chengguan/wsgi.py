import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "chengguan.settings")
application = get_wsgi_application()

# Pay WeasyPrint's start-up (fonts, Pango) when the worker starts, not on a user's first PDF.
try:
    from chengguan.documents.render_pdf import warm

    warm()
except Exception:  # a missing system library must not stop the server; PDFs will say so
    import logging

    logging.getLogger(__name__).exception("PDF renderer could not be warmed")

"""The admin app with the bureau-scoped site (decision 071).

Kept apart from ``admin_site`` because INSTALLED_APPS imports this module before the models load.
"""

from django.contrib.admin.apps import AdminConfig


class BureauAdminConfig(AdminConfig):
    default_site = "chengguan.org.admin_site.BureauAdminSite"

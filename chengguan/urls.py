from django.contrib import admin
from django.urls import include, path

from chengguan.core.views import healthz
from chengguan.routers import api

# admin.site is chengguan.org.admin_site.BureauAdminSite (decision 071): bureau-scoped, its login
# through the shared failed-login throttle, open to the three administrative roles.

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("api/v1/", api.urls),
    path("open311/", include("chengguan.citycases.open311_urls")),
    path("admin/", admin.site.urls),
    path("portal/", include("chengguan.portal.urls")),
    path("", include("chengguan.web.urls")),
]

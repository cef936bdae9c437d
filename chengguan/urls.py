from django.contrib import admin
from django.urls import include, path

from chengguan.core.security.forms import ThrottledAdminAuthenticationForm
from chengguan.core.views import healthz
from chengguan.routers import api

admin.site.site_header = "城管依法行政平台 · 管理后台"
admin.site.site_title = "城管依法行政平台"
admin.site.index_title = "系统管理"
# --- auth ---
# The admin login goes through the same failed-login throttle as the web and API logins.
admin.site.login_form = ThrottledAdminAuthenticationForm
# --- end auth ---

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("api/v1/", api.urls),
    path("open311/", include("chengguan.citycases.open311_urls")),
    path("admin/", admin.site.urls),
    path("portal/", include("chengguan.portal.urls")),
    path("", include("chengguan.web.urls")),
]

from django.contrib.auth import views as auth_views
from django.urls import path

from chengguan.web.views import citycases, dashboard, maps, penalties, reports, shell

# --- helper:daily ---
from chengguan.web.views import evidence as evidence_views

# --- /helper:daily ---

app_name = "web"
urlpatterns = [
    path("accounts/login/", shell.LoginView.as_view(), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("accounts/password/", shell.PasswordChangeView.as_view(), name="password_change"),
    path("", shell.worklist_view, name="worklist"),
    path("inbox/", shell.inbox_view, name="inbox"),
    path("cases/", citycases.case_list, name="citycase_list"),
    path("cases/new/", citycases.report, name="citycase_new"),
    path("cases/<int:pk>/", citycases.detail, name="citycase"),
    path("cases/<int:pk>/photos/<str:sha>", citycases.photo, name="citycase_photo"),
    path("cases/<int:pk>/requester/", citycases.reveal_requester, name="citycase_reveal"),
    path("cases/<int:pk>/<str:action>/", citycases.act, name="citycase_act"),
    path("map/", maps.overview, name="map"),
    path("map/grids.json", maps.grids, name="map_grids"),
    path("map/cases.json", maps.open_cases, name="map_cases"),
    path("dashboard/", dashboard.dashboard, name="dashboard"),
    path("reports/", reports.annual, name="reports"),
    path("reports/annual/<str:year>.<str:fmt>", reports.download, name="report_download"),
    path("penalties/", penalties.case_list, name="penalty_list"),
    path("penalties/new/", penalties.new, name="penalty_new"),
    path("penalties/<int:pk>/", penalties.detail, name="penalty"),
    path(
        "penalties/<int:pk>/documents/<str:kind>.<str:fmt>",
        penalties.document,
        name="penalty_document",
    ),
    path(
        "penalties/<int:pk>/documents/<int:doc>/file",
        penalties.kept_document,
        name="penalty_kept_document",
    ),
    # --- helper:daily ---
    path(
        "penalties/<int:pk>/evidence/<int:evidence>/file",
        evidence_views.penalty_evidence_file,
        name="penalty_evidence_file",
    ),
    # --- /helper:daily ---
    path("penalties/<int:pk>/<str:action>/", penalties.act, name="penalty_act"),
]

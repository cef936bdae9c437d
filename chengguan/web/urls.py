from django.contrib.auth import views as auth_views
from django.urls import path

# --- helper:measures-web --- (measures added to this import)
from chengguan.web.views import citycases, dashboard, maps, measures, penalties, reports, shell

# --- /helper:measures-web ---

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
    # --- helper:measures-web --- 查封扣押 (before penalty_act, whose <action> would take them)
    path("penalties/<int:pk>/seizures/", measures.case_seizures, name="case_seizures"),
    path("penalties/<int:pk>/seizures/new/", measures.register, name="seizure_new"),
    path("penalties/<int:pk>/seizures/<int:sid>/", measures.seizure_detail, name="seizure"),
    path(
        "penalties/<int:pk>/seizures/<int:sid>/photos/<str:sha>",
        measures.photo,
        name="seizure_photo",
    ),
    path(
        "penalties/<int:pk>/seizures/<int:sid>/<str:action>/",
        measures.seizure_act,
        name="seizure_act",
    ),
    path("penalties/<int:pk>/disposals/", measures.record_disposal, name="disposal_new"),
    # --- /helper:measures-web ---
    path("penalties/<int:pk>/<str:action>/", penalties.act, name="penalty_act"),
]

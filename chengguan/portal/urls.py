from django.urls import path

from chengguan.portal import views

app_name = "portal"
urlpatterns = [
    path("", views.home, name="home"),
    path("report/", views.report, name="report"),
    path("track/", views.track, name="track"),
    path("disclosure/", views.disclosure, name="disclosure"),
    path("grids.json", views.grids, name="grids"),
    # --- helper:stalls ---
    path("stall-points.json", views.stall_points_json, name="stall-points-json"),
    path("stall-points/", views.stall_points, name="stall-points"),
    # --- /helper:stalls ---
    # --- helper:portal ---
    path("stall-points/<int:point_id>/apply/", views.stall_apply, name="stall-apply"),
    path("stall-applications/", views.stall_status, name="stall-status"),
    # --- /helper:portal ---
    path("legal-risks/", views.legal_risks, name="legal-risks"),  # --- helper:service ---
    # --- helper:inspections2 --- (before the code check, which would take "plans")
    path(
        "inspections/plans/<int:plan_id>.json",
        views.inspection_plan,
        {"fmt": "json"},
        name="inspection-plan-json",
    ),
    path("inspections/plans/<int:plan_id>", views.inspection_plan, name="inspection-plan"),
    # --- /helper:inspections2 ---
    # --- helper:insp-web ---
    path("inspections/", views.inspections_page, name="inspections"),
    # --- /helper:insp-web ---
    # --- helper:inspections ---
    path("inspections/<str:code>", views.inspection_code, name="inspection-code"),
    # --- /helper:inspections ---
]

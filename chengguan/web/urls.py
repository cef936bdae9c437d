from django.contrib.auth import views as auth_views
from django.urls import path

import chengguan.web.views.citycase_bulk as citycase_bulk  # --- helper:forms ---
import chengguan.web.views.executions as execution_views  # --- helper:execdocs ---
import chengguan.web.views.inspection_list as inspection_list  # --- helper:forms ---
import chengguan.web.views.permit_counter as permit_counter
import chengguan.web.views.subject_documents as subject_documents  # --- helper:documents ---
from chengguan.web.views import (
    calendar_notice,  # --- helper:demo ---
    citycases,
    dashboard,
    guidance,  # --- helper:service ---
    maps,
    penalties,
    permits,  # --- helper:permits2 ---
    reports,
    second_factor,  # --- helper:security ---
    shell,
    suggestions,  # --- helper:permits2 ---
)

# --- helper:daily ---
from chengguan.web.views import evidence as evidence_views
from chengguan.web.views import inspections as insp  # --- helper:insp-web ---
from chengguan.web.views import measures as measures_views  # --- helper:measures-web ---
from chengguan.web.views import province as province_views  # --- helper:province ---
from chengguan.web.views.case_file import penalty_case_file  # --- helper:casefile ---

# --- /helper:daily ---

app_name = "web"
urlpatterns = [
    path("accounts/login/", shell.LoginView.as_view(), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("accounts/password/", shell.PasswordChangeView.as_view(), name="password_change"),
    # --- helper:security ---
    path("accounts/totp/", second_factor.verify, name="totp_verify"),
    path("accounts/totp/enrol/", second_factor.enrol, name="totp_enrol"),
    # --- /helper:security ---
    path("", shell.worklist_view, name="worklist"),
    path("inbox/", shell.inbox_view, name="inbox"),
    path("cases/", citycases.case_list, name="citycase_list"),
    path("cases/new/", citycases.report, name="citycase_new"),
    path("cases/bulk/", citycase_bulk.bulk, name="citycase_bulk"),  # --- helper:forms ---
    path("cases/<int:pk>/", citycases.detail, name="citycase"),
    path("cases/<int:pk>/photos/<str:sha>", citycases.photo, name="citycase_photo"),
    path("cases/<int:pk>/requester/", citycases.reveal_requester, name="citycase_reveal"),
    path("cases/<int:pk>/<str:action>/", citycases.act, name="citycase_act"),
    path("map/", maps.overview, name="map"),
    path("map/grids.json", maps.grids, name="map_grids"),
    path("map/cases.json", maps.open_cases, name="map_cases"),
    path("dashboard/", dashboard.dashboard, name="dashboard"),
    path("reports/", reports.annual, name="reports"),
    # --- helper:demo --- decision 089: a holiday notice entered in bulk
    path("calendar/notice/", calendar_notice.notice, name="calendar_notice"),
    # --- /helper:demo ---
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
    # --- helper:execdocs --- 行政强制执行 (before penalty_act, whose <action> would take them)
    path("penalties/<int:pk>/executions/", execution_views.case_executions, name="case_executions"),
    path("penalties/<int:pk>/executions/new/", execution_views.demand, name="execution_new"),
    path(
        "penalties/<int:pk>/executions/<int:eid>/",
        execution_views.execution_detail,
        name="execution",
    ),
    path(
        "penalties/<int:pk>/executions/<int:eid>/<str:action>/",
        execution_views.execution_act,
        name="execution_act",
    ),
    # --- /helper:execdocs ---
    # --- helper:measures-web --- 查封扣押 (before penalty_act, whose <action> would take them)
    path("penalties/<int:pk>/seizures/", measures_views.case_seizures, name="case_seizures"),
    path("penalties/<int:pk>/seizures/new/", measures_views.register, name="seizure_new"),
    path("penalties/<int:pk>/seizures/<int:sid>/", measures_views.seizure_detail, name="seizure"),
    path(
        "penalties/<int:pk>/seizures/<int:sid>/photos/<str:sha>",
        measures_views.photo,
        name="seizure_photo",
    ),
    path(
        "penalties/<int:pk>/seizures/<int:sid>/<str:action>/",
        measures_views.seizure_act,
        name="seizure_act",
    ),
    path("penalties/<int:pk>/disposals/", measures_views.record_disposal, name="disposal_new"),
    # --- /helper:measures-web ---
    # --- helper:daily ---
    path(
        "penalties/<int:pk>/evidence/<int:evidence>/file",
        evidence_views.penalty_evidence_file,
        name="penalty_evidence_file",
    ),
    # --- /helper:daily ---
    # --- helper:casefile --- the whole 案卷 as one PDF (decision 086)
    path("penalties/<int:pk>/case-file.pdf", penalty_case_file, name="penalty_case_file"),
    # --- /helper:casefile ---
    path("penalties/<int:pk>/<str:action>/", penalties.act, name="penalty_act"),
    # --- helper:documents --- an inspection's, a seizure's, a permit application's 文书
    path(
        "documents/<str:subject>/<int:pk>/<str:kind>.<str:fmt>",
        subject_documents.document,
        name="subject_document",
    ),
    path(
        "documents/<str:subject>/<int:pk>/files/<int:doc>",
        subject_documents.kept_file,
        name="subject_document_file",
    ),
    # --- /helper:documents ---
    # --- helper:insp-web ---
    path("inspections/", insp.day, name="inspection_day"),
    path("inspections/code/", insp.by_code, name="inspection_code"),
    path(
        "inspections/list/", inspection_list.inspection_list, name="inspection_list"
    ),  # --- helper:forms ---
    path("inspections/approvals/", insp.approvals, name="inspection_approvals"),
    path("inspections/plans/", insp.plan_list, name="inspection_plans"),
    path("inspections/plans/<int:pk>/", insp.plan_detail, name="inspection_plan"),
    path(
        "inspections/plans/<int:pk>/<str:action>/",
        insp.plan_act,
        name="inspection_plan_act",
    ),
    path("inspections/register/", insp.register, name="inspection_register"),
    path("inspections/register/<int:pk>/", insp.entity, name="inspection_entity"),
    path("inspections/items/", insp.items, name="inspection_items"),
    path("inspections/<int:pk>/", insp.detail, name="inspection"),
    path("inspections/<int:pk>/photos/<str:sha>", insp.photo, name="inspection_photo"),
    path("inspections/<int:pk>/<str:action>/", insp.act, name="inspection_act"),
    # --- /helper:insp-web ---
    # --- helper:permits2 ---
    path("permits/", permits.application_list, name="permit_list"),
    path("permits/stall-points/", permits.stall_points, name="permit_stalls"),
    # 窗口受理: the counter's form, the same path as 一网通办 and the API (issue #14)
    path("permits/new/", permit_counter.counter, name="permit_new"),
    path(
        "permits/stall-points/<int:point_id>/allocate/",
        permits.allocate,
        name="permit_allocate",
    ),
    path("permits/<int:pk>/", permits.application, name="permit"),
    path("permits/<int:pk>/<str:action>/", permits.act, name="permit_act"),
    path("suggestions/", suggestions.suggestion_list, name="suggestion_list"),
    path("suggestions/<int:pk>/", suggestions.detail, name="suggestion"),
    path("suggestions/<int:pk>/<str:action>/", suggestions.act, name="suggestion_act"),
    # --- /helper:permits2 ---
    # --- helper:service ---
    path("guidance/", guidance.points, name="guidance_points"),
    path("guidance/points/<int:pk>/", guidance.point, name="guidance_point"),
    path("guidance/points/<int:pk>/risks/", guidance.point_risks, name="guidance_point_risks"),
    path("guidance/risks/", guidance.risks, name="guidance_risks"),
    path("guidance/records/", guidance.records, name="guidance_records"),
    path("guidance/records/<int:pk>/", guidance.record, name="guidance_record"),
    # --- /helper:service ---
]
# --- helper:province ---
urlpatterns.append(path("province/", province_views.overview, name="province"))
# --- /helper:province ---

"""The 文书 of subjects other than a penalty case (decision 081): a 行政检查, a 查封/扣押 and a
行政许可申请, each with its own kinds, titles and 文号 words.

The penalty case's kinds stay in ``kinds.Kind`` (the case page lists every one of them); these are
apart so that no case page offers a 检查通知书 and no inspection a 行政处罚决定书.
"""

from __future__ import annotations

from django.db import models


class Subject(models.TextChoices):
    CASE = "case", "行政处罚案件"
    INSPECTION = "inspection", "行政检查"
    SEIZURE = "seizure", "查封扣押"
    PERMIT = "permit", "行政许可申请"
    SUGGESTION = "suggestion", "建议提案"
    EXECUTION = "execution", "行政强制执行"  # --- helper:execdocs ---


class InspectionKind(models.TextChoices):
    NOTICE = "inspection_notice", "检查通知书"
    RECORD = "inspection_record", "现场检查笔录"
    RESULT = "inspection_result", "检查结果告知书"
    CORRECTION = "correction_order", "责令（限期）改正通知书"
    RECHECK = "recheck_record", "复查记录"


class SeizureKind(models.TextChoices):
    DECISION = "seizure_decision", "查封（扣押）决定书"
    LIST = "seizure_list", "查封（扣押）财物清单"
    EXTENSION = "seizure_extension", "延长查封（扣押）期限通知书"
    RELEASE = "seizure_release", "解除查封（扣押）决定书"


class PermitDocKind(models.TextChoices):
    ACCEPTANCE = "permit_acceptance", "受理通知书"
    MATERIALS = "permit_materials", "补正材料通知书"
    GRANT = "permit_grant", "准予行政许可决定书"
    REFUSAL = "permit_refusal", "不予行政许可决定书"
    EXTENSION = "permit_extension", "延长审批期限通知书"
    LICENCE = "permit_licence", "许可证"


class SuggestionKind(models.TextChoices):
    REPLY = "suggestion_reply", "答复函"


# --- helper:execdocs --- the bureau's own compulsory execution (decision 090)
class ExecutionKind(models.TextChoices):
    DEMAND = "execution_demand", "催告书"
    DECISION = "execution_decision", "行政强制执行决定书"
    NOTICE = "demolition_notice", "强制拆除公告"


# --- /helper:execdocs ---


KINDS: dict[str, type[models.TextChoices]] = {
    Subject.INSPECTION: InspectionKind,
    Subject.SEIZURE: SeizureKind,
    Subject.PERMIT: PermitDocKind,
    Subject.SUGGESTION: SuggestionKind,
    Subject.EXECUTION: ExecutionKind,  # --- helper:execdocs ---
}

# The word between the bureau's short name and 〔年〕 in a 文号, as for the case's kinds.
NUMBER_WORDS: dict[str, str] = {
    InspectionKind.NOTICE: "检通字",
    InspectionKind.RECORD: "检录字",
    InspectionKind.RESULT: "检告字",
    InspectionKind.CORRECTION: "责改字",
    InspectionKind.RECHECK: "复查字",
    SeizureKind.DECISION: "强决字",
    SeizureKind.LIST: "强清字",
    SeizureKind.EXTENSION: "强延字",
    SeizureKind.RELEASE: "强解字",
    PermitDocKind.ACCEPTANCE: "许受字",
    PermitDocKind.MATERIALS: "许补字",
    PermitDocKind.GRANT: "许准字",
    PermitDocKind.REFUSAL: "许不字",
    PermitDocKind.EXTENSION: "许延字",
    PermitDocKind.LICENCE: "许证字",
    SuggestionKind.REPLY: "复字",
    # --- helper:execdocs ---
    ExecutionKind.DEMAND: "强催字",
    ExecutionKind.DECISION: "强执字",
    ExecutionKind.NOTICE: "拆告字",
    # --- /helper:execdocs ---
}

LABELS: dict[str, str] = {
    kind.value: kind.label
    for choices in KINDS.values()
    for kind in choices  # type: ignore[attr-defined]
}


def kinds_of(subject: str) -> list[str]:
    return list(KINDS[subject].values)

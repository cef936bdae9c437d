"""Each generated 文书: its number, format, the SHA-256 of the file handed out and the file itself."""

from __future__ import annotations

from django.db import models

from chengguan.core import clock
from chengguan.documents.kinds import Format, label

# --- helper:documents --- decision 081: a 文书 belongs to exactly one subject, named by one of
# these nullable foreign keys (the case's stays ``case``, as every caller and the API know it).
SUBJECT_FIELDS = ("case", "inspection", "seizure", "permit", "suggestion", "execution")  # execdocs


def _exactly_one(prefix: str) -> models.CheckConstraint:
    one = models.Q()
    for field in SUBJECT_FIELDS:
        only = models.Q(**{f"{field}__isnull": False})
        for other in SUBJECT_FIELDS:
            if other != field:
                only &= models.Q(**{f"{other}__isnull": True})
        one |= only
    return models.CheckConstraint(condition=one, name=f"{prefix}_one_subject")


class _KindLabel:
    """``get_kind_display`` for a kind column without ``choices``: the kinds are in two registries
    (the case's and the other subjects'), and a kind added to either needs no migration."""

    kind: str

    def get_kind_display(self) -> str:
        return label(self.kind)


# --- /helper:documents ---


class DocumentNumber(_KindLabel, models.Model):
    """The 文号 of one kind of 文书 for one subject, taken the first time it is generated and kept."""

    bureau = models.ForeignKey(
        "org.OrgUnit", on_delete=models.PROTECT, related_name="+", verbose_name="所属机关"
    )
    case = models.ForeignKey(
        "penalties.PenaltyCase",
        on_delete=models.PROTECT,
        related_name="document_numbers",
        verbose_name="案件",
        null=True,  # --- helper:documents --- or another subject (decision 081)
        blank=True,
    )
    # --- helper:documents ---
    inspection = models.ForeignKey(
        "inspections.Inspection",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="document_numbers",
        verbose_name="行政检查",
    )
    seizure = models.ForeignKey(
        "measures.Seizure",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="document_numbers",
        verbose_name="查封扣押",
    )
    permit = models.ForeignKey(
        "permits.PermitApplication",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="document_numbers",
        verbose_name="行政许可申请",
    )
    suggestion = models.ForeignKey(
        "suggestions.Suggestion",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="document_numbers",
        verbose_name="建议提案",
    )
    # --- helper:execdocs --- the bureau's own compulsory execution (decision 090)
    execution = models.ForeignKey(
        "execution.Execution",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="document_numbers",
        verbose_name="行政强制执行",
    )
    # --- /helper:execdocs ---
    kind = models.CharField("文书种类", max_length=24)  # kinds.label; no choices (decision 081)
    # --- /helper:documents ---
    number = models.CharField("文号", max_length=60)
    created_at = models.DateTimeField("编号时间", auto_now_add=True)

    class Meta:
        verbose_name = "文书文号"
        verbose_name_plural = "文书文号"
        constraints = [
            models.UniqueConstraint(fields=["case", "kind"], name="document_number_per_case_kind"),
            models.UniqueConstraint(fields=["bureau", "number"], name="document_number_unique"),
            # --- helper:documents ---
            *(
                models.UniqueConstraint(
                    fields=[field, "kind"],
                    condition=models.Q(**{f"{field}__isnull": False}),
                    name=f"document_number_per_{field}_kind",
                )
                for field in SUBJECT_FIELDS[1:]
            ),
            _exactly_one("document_number"),
            # --- /helper:documents ---
        ]

    def __str__(self) -> str:
        return self.number


class Document(_KindLabel, models.Model):
    """One generation of one 文书. Regenerating keeps the 文号 and adds a row with the new hash."""

    bureau = models.ForeignKey(
        "org.OrgUnit", on_delete=models.PROTECT, related_name="+", verbose_name="所属机关"
    )
    case = models.ForeignKey(
        "penalties.PenaltyCase",
        on_delete=models.PROTECT,
        related_name="documents",
        verbose_name="案件",
        null=True,  # --- helper:documents --- or another subject (decision 081)
        blank=True,
    )
    # --- helper:documents ---
    inspection = models.ForeignKey(
        "inspections.Inspection",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="documents",
        verbose_name="行政检查",
    )
    seizure = models.ForeignKey(
        "measures.Seizure",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="documents",
        verbose_name="查封扣押",
    )
    permit = models.ForeignKey(
        "permits.PermitApplication",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="documents",
        verbose_name="行政许可申请",
    )
    suggestion = models.ForeignKey(
        "suggestions.Suggestion",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="documents",
        verbose_name="建议提案",
    )
    # --- helper:execdocs --- the bureau's own compulsory execution (decision 090)
    execution = models.ForeignKey(
        "execution.Execution",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="documents",
        verbose_name="行政强制执行",
    )
    # --- /helper:execdocs ---
    kind = models.CharField("文书种类", max_length=24)  # kinds.label; no choices (decision 081)
    # --- /helper:documents ---
    number = models.CharField("文号", max_length=60)
    format = models.CharField("格式", max_length=8, choices=Format)
    sha256 = models.CharField("SHA-256", max_length=64)
    size = models.PositiveIntegerField("字节数")
    # The bytes as printed, in the ledger's content-addressed store (decision 031). Null only for
    # rows generated before files were kept: their hash still proves which file was handed out.
    blob = models.ForeignKey(
        "ledger.Blob",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="留存文件",
    )
    # clock.now, not auto_now_add: the pre-review compares this with the case's dates, and the
    # demo and tests generate 文书 at moved times.
    created_at = models.DateTimeField("生成时间", default=clock.now)
    created_by = models.ForeignKey(
        "org.Staff", on_delete=models.PROTECT, related_name="+", verbose_name="生成人"
    )

    class Meta:
        verbose_name = "执法文书"
        verbose_name_plural = "执法文书"
        ordering = ["case_id", "kind", "-id"]
        indexes = [models.Index(fields=["case", "kind"], name="document_case_kind")]
        constraints = [_exactly_one("document")]  # --- helper:documents ---

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.number}"

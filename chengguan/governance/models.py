"""Governance registers (法治政府建设台账): normative documents, major decisions, training and exams,
law-popularisation posts, study sessions and rule-of-law meetings.

Small tables the yearly report counts; every row is written by an action in ``actions.py``.
"""

from __future__ import annotations

from django.db import models

from .states import DecisionStatus, DocumentStatus


class NormativeDocument(models.Model):
    """规范性文件: drafted, legality-reviewed, issued, filed (备案), later cleaned up (清理)."""

    Status = DocumentStatus

    class Cleanup(models.TextChoices):
        KEPT = "kept", "继续有效"
        AMENDED = "amended", "修改"
        REPEALED = "repealed", "废止"
        EXPIRED = "expired", "宣布失效"

    bureau = models.ForeignKey(
        "org.OrgUnit", on_delete=models.PROTECT, related_name="+", verbose_name="所属机关"
    )
    title = models.CharField("文件名称", max_length=200)
    doc_number = models.CharField("文号", max_length=60, blank=True)
    status = models.CharField("状态", max_length=10, choices=Status, default=Status.DRAFT)
    drafted_on = models.DateField("起草日期")
    legality_reviewed_on = models.DateField("合法性审核日期", null=True, blank=True)
    legality_opinion = models.TextField("合法性审核意见", blank=True)
    issued_on = models.DateField("印发日期", null=True, blank=True)
    filed_on = models.DateField("备案日期", null=True, blank=True)
    filed_with = models.CharField("备案机关", max_length=100, blank=True)
    cleanup = models.CharField("清理结果", max_length=10, choices=Cleanup, blank=True)
    cleanup_on = models.DateField("清理日期", null=True, blank=True)
    cleanup_note = models.CharField("清理说明", max_length=200, blank=True)

    class Meta:
        verbose_name = "规范性文件"
        verbose_name_plural = "规范性文件"
        ordering = ["bureau_id", "-drafted_on", "id"]

    def __str__(self) -> str:
        return self.title


class LegislativeInput(models.Model):
    """参与立法、裁量基准修改等提出意见（“参与市局拟定新法……提出修改意见8次”）."""

    bureau = models.ForeignKey(
        "org.OrgUnit", on_delete=models.PROTECT, related_name="+", verbose_name="所属机关"
    )
    subject = models.CharField("征求意见事项", max_length=200)
    requested_by = models.CharField("征求意见单位", max_length=100)
    submitted_on = models.DateField("提交日期")
    opinions = models.PositiveIntegerField("意见条数", default=1)

    class Meta:
        verbose_name = "立法及制度修改意见"
        verbose_name_plural = "立法及制度修改意见"
        ordering = ["bureau_id", "-submitted_on", "id"]

    def __str__(self) -> str:
        return self.subject


class MajorDecision(models.Model):
    """重大行政决策目录 entry with the five statutory steps of 《重大行政决策程序暂行条例》."""

    Status = DecisionStatus

    bureau = models.ForeignKey(
        "org.OrgUnit", on_delete=models.PROTECT, related_name="+", verbose_name="所属机关"
    )
    year = models.PositiveIntegerField("目录年度")
    title = models.CharField("决策事项", max_length=200)
    basis = models.CharField("决策依据", max_length=200, blank=True)
    status = models.CharField("状态", max_length=10, choices=Status, default=Status.LISTED)
    public_participation = models.BooleanField("公众参与", default=False)
    expert_argument = models.BooleanField("专家论证", default=False)
    risk_assessment = models.BooleanField("风险评估", default=False)
    legality_review = models.BooleanField("合法性审查", default=False)
    collective_decision = models.BooleanField("集体讨论决定", default=False)
    decided_on = models.DateField("决策日期", null=True, blank=True)

    class Meta:
        verbose_name = "重大行政决策目录"
        verbose_name_plural = "重大行政决策目录"
        ordering = ["bureau_id", "-year", "id"]

    def __str__(self) -> str:
        return f"{self.year} {self.title}"


class TrainingSession(models.Model):
    """A training, on-site guidance visit or exam; participants carry scores for exams."""

    class Kind(models.TextChoices):
        ANNUAL_STUDY = "annual_study", "年度学法"
        PRACTICE = "practice", "执法实务培训"
        DOCUMENTS = "documents", "文书制作培训"
        GUIDANCE = "guidance", "乡镇（街道）帮扶指导"
        TOWN_TRAINING = "town_training", "乡镇（街道）执法培训"
        EXAM = "exam", "考法测验"

    bureau = models.ForeignKey(
        "org.OrgUnit", on_delete=models.PROTECT, related_name="+", verbose_name="所属机关"
    )
    kind = models.CharField("类型", max_length=20, choices=Kind)
    title = models.CharField("名称", max_length=200)
    held_on = models.DateField("日期")
    location = models.CharField("地点或对象单位", max_length=100, blank=True)
    target_unit = models.ForeignKey(
        "org.OrgUnit",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="对象单位",
    )
    pass_mark = models.DecimalField("及格分", max_digits=5, decimal_places=1, null=True, blank=True)

    class Meta:
        verbose_name = "培训与考试"
        verbose_name_plural = "培训与考试"
        ordering = ["bureau_id", "-held_on", "id"]

    def __str__(self) -> str:
        return f"{self.held_on:%Y-%m-%d} {self.title}"


class TrainingParticipant(models.Model):
    """One person at a session: a staff member, or a named person from a town team who has no login."""

    session = models.ForeignKey(
        TrainingSession, on_delete=models.CASCADE, related_name="participants", verbose_name="培训"
    )
    staff = models.ForeignKey(
        "org.Staff",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="人员",
    )
    name = models.CharField("姓名", max_length=40)
    unit_name = models.CharField("单位", max_length=100, blank=True)
    score = models.DecimalField("成绩", max_digits=5, decimal_places=1, null=True, blank=True)

    class Meta:
        verbose_name = "参训人员"
        verbose_name_plural = "参训人员"
        ordering = ["session_id", "id"]

    def __str__(self) -> str:
        return self.name


class LawPost(models.Model):
    """普法 publication: one post (or a batch on one day) on a channel, with its audience."""

    class Channel(models.TextChoices):
        WECHAT = "wechat", "微信公众号"
        DOUYIN = "douyin", "抖音号"
        WEBSITE = "website", "门户网站"
        ONSITE = "onsite", "入户/现场宣传"
        CAMPAIGN = "campaign", "“五进”宣传活动"

    bureau = models.ForeignKey(
        "org.OrgUnit", on_delete=models.PROTECT, related_name="+", verbose_name="所属机关"
    )
    channel = models.CharField("渠道", max_length=10, choices=Channel)
    title = models.CharField("标题", max_length=200)
    published_on = models.DateField("发布日期")
    count = models.PositiveIntegerField("篇数", default=1)
    audience = models.PositiveIntegerField("受众人次", default=0)

    class Meta:
        verbose_name = "普法宣传"
        verbose_name_plural = "普法宣传"
        ordering = ["bureau_id", "-published_on", "id"]
        indexes = [models.Index(fields=["bureau", "published_on"], name="lawpost_bureau_day")]

    def __str__(self) -> str:
        return self.title


class StudyMeeting(models.Model):
    """集体学法、党组中心组专题学习、法治建设工作会议、述法."""

    class Kind(models.TextChoices):
        PARTY_GROUP_STUDY = "party_group_study", "党组中心组专题学习"
        LEADERS_STUDY = "leaders_study", "领导干部集体学法"
        RULE_OF_LAW_MEETING = "rule_of_law_meeting", "法治建设工作会议"
        REPORT_ON_LAW = "report_on_law", "年度述法"

    bureau = models.ForeignKey(
        "org.OrgUnit", on_delete=models.PROTECT, related_name="+", verbose_name="所属机关"
    )
    kind = models.CharField("类型", max_length=30, choices=Kind)
    topic = models.CharField("主题", max_length=200)
    held_on = models.DateField("日期")
    chair = models.CharField("主持人", max_length=40, blank=True)
    attendees = models.PositiveIntegerField("参加人数", default=0)
    minutes = models.TextField("纪要", blank=True)

    class Meta:
        verbose_name = "学法与法治会议"
        verbose_name_plural = "学法与法治会议"
        ordering = ["bureau_id", "-held_on", "id"]

    def __str__(self) -> str:
        return f"{self.held_on:%Y-%m-%d} {self.topic}"

"""Show a refusal as a page a person can act on: what was refused, which rule and article, what next."""

from __future__ import annotations

import functools
from collections.abc import Callable
from decimal import Decimal
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import render

from chengguan.core.errors import ChengguanError, NotFound, ProcedureError
from chengguan.org import queries as org_queries
from chengguan.web.context import page

TITLES = {
    400: "输入有误",
    403: "无权操作",
    404: "未找到",
    409: "操作被拒绝",
    413: "文件过大",
    415: "文件类型不受支持",
    429: "请求过于频繁",
}


# Chinese names of the detail keys refusals carry (core.errors ``details``); an unknown key is
# shown as it is, so a new key degrades to readable-enough rather than disappearing.
DETAIL_LABELS: dict[str, str] = {
    # --- merge: keys raised by the round's new workflows ---
    "correction_id": "责令改正通知",
    "count": "数量",
    "from": "自（起始日期）",
    "received_on": "收到申请日期",
    "lon": "经度",
    "ok": "结果",
    "other_id": "另一案件",
    "oversight": "上级主管部门",
    "photo": "照片",
    "photos": "照片",
    "point": "摊点",
    "returned_to": "返还对象",
    "scheduled_at": "执行时间",
    "subject": "文书所属对象",
    "text": "内容",
    "to_credit_code": "统一社会信用代码",
    "visited_on": "走访日期",
    # --- /merge ---
    "limit": "上限",
    "fine_min": "罚款下限",
    "fine_max": "罚款上限",
    "statutory_min": "法定最低罚款",
    "band": "裁量幅度",
    "level": "裁量阶次",
    "amount": "金额",
    "fine_amount": "罚款金额",
    "penalty_types": "处罚种类",
    "surcharge": "加处罚款",
    "instalment": "分期",
    "instalments": "分期缴纳",
    "schedule": "缴款计划",
    "due": "期限",
    "due_on": "到期日",
    "by": "期限",
    "until": "截止日期",
    "earliest": "最早日期",
    "earlier": "较早日期",
    "decide_by": "决定期限",
    "serve_by": "送达期限",
    "request_by": "申请期限",
    "perform_by": "履行期限",
    "apply_by": "申请期限",
    "filing_due": "备案期限",
    "periods_end": "期限届满日",
    "limitation_end": "追责时效届满日",
    "served_on": "送达日期",
    "paid_on": "缴款日期",
    "applied_on": "申请日期",
    "requested_on": "申请日期",
    "notified_on": "通知日期",
    "concluded_on": "审结日期",
    "closed_on": "结案日期",
    "ended_on": "结束日期",
    "outcome_on": "结果日期",
    "act_date": "违法行为发生日期",
    "discovered_date": "发现日期",
    "age": "年龄",
    "reason": "理由",
    "reasons": "理由",
    "ground": "情节",
    "grounds": "情节",
    "kind": "种类",
    "status": "当前状态",
    "outcome": "结果",
    "result": "结果",
    "unit": "单位",
    "officer": "执法人员",
    "officers": "执法人员",
    "person": "人员",
    "username": "用户名",
    "role": "角色",
    "permission": "权限",
    "power_item": "权责事项",
    "delegated_to": "委托单位",
    "category": "类别",
    "location": "位置",
    "city_case": "城管案件",
    "into": "并入案件",
    "hours": "小时数",
    "extensions": "已延期次数",
    "max_extensions": "最多延期次数",
    "method": "方式",
    "channel": "渠道",
    "number": "文号",
    "format": "格式",
    "file": "文件",
    "blob": "文件",
    "year": "年度",
    "missing": "缺少",
    "unknown": "不认识的值",
    "field": "字段",
    "action": "操作",
    "opinion": "意见",
    "description": "说明",
    "content": "内容",
    "note": "备注",
    "body": "机关",
    "chair": "主持人",
    "participants": "参加人员",
    "target_unit": "培训对象单位",
    "steps": "程序步骤",
    "vetoes": "否决项",
    "rule": "规则",
    "code": "代码",
    "transferred_to": "移送机关",
    "remedy": "救济途径",
    "measure": "措施",
    "record": "记录",
    "requester": "诉求人",
    "satisfaction": "满意度",
    "proposal": "拟处罚意见",
    "notified": "告知情况",
    "to": "至",
    "outside": "范围外",
    "parent": "上级单位",
    "name": "姓名/名称",
    "id_number": "公民身份号码",
    "credit_code": "统一社会信用代码",
    "address": "住址/地址",
    "phone": "联系电话",
    "correction": "责令改正内容",
    "deviation_reason": "偏离基准的理由",
    "document_id": "文书生成记录",
    "sha256": "SHA-256",
    # issue #15 item 5: no English key reaches the page (the keys the third session added)
    "approved_by": "批准人",
    "approved_on": "批准日期",
    "attempts": "送达尝试",
    "backdate_approved_by": "补记批准人",
    "backdate_reason": "补记理由",
    "bank_slip": "银行缴款凭证",
    "case": "案件",
    "certificates_shown": "出示证件的执法人员",
    "checked_on": "检查日期",
    "deadline": "期限",
    "deposited_on": "存入日期",
    "entity": "检查对象",
    "handed_in_on": "上交日期",
    "handling": "办理单位",
    "issued_on": "签发日期",
    "item": "检查事项",
    "items": "检查事项",
    "lead_unit": "主办单位",
    "line": "行号",
    "party": "当事人",
    "password": "密码",
    "paused_on": "中止日期",
    "pending": "待处理",
    "photo_blob": "照片",
    "plan": "检查计划",
    "pledge_signed": "承诺书",
    "preservation": "先行登记保存",
    "published_on": "公示日期",
    "receiver": "接收人",
    "rechecked_on": "复查日期",
    "replied_on": "答复日期",
    "returned_on": "退还日期",
    "rows": "有误的行",
    "seed": "随机种子",
    "stall_point": "摊点",
    # --- helper:permits2 ---
    "permit": "涉及的许可",
    "unlicensed_kind": "应取得的许可",
    # --- /helper:permits2 ---
    "told_on": "告知日期",
    "units": "单位",
    "valid_to": "有效期至",
    "voucher_no": "缴款凭证号",
    "receipt_no": "收据号",
    "proof_number": "受理通知书文号",
    "proof_date": "受理日期",
    "not_heads": "非负责人",
    "minimum": "最少人数",
    "changed": "变化",
    "witnessed_by": "见证人",
    "failed_attempts": "送达未果记录",
    "applies_to": "适用对象",
    "effective_until": "失效日期",
    "fine_percent_min": "罚款比例下限",
    "supersedes": "所替代的版本",
}
# Keys whose values are usernames: the page shows the person's name instead.
_PEOPLE = {
    "officer",
    "officers",
    "chair",
    "person",
    "username",
    "witnessed_by",
    "not_heads",
    "approved_by",
    "backdate_approved_by",
    "certificates_shown",
    "receiver",
}
_PREFIX_LABELS = {"party": "当事人", "decision": "决定", "proposal": "拟处罚"}


def detail_label(key: str) -> str:
    """``limit`` → 上限, ``party.name`` → 当事人姓名/名称; an unknown key stays as it is."""
    if key in DETAIL_LABELS:
        return DETAIL_LABELS[key]
    prefix, dot, rest = key.partition(".")
    if dot and prefix in _PREFIX_LABELS and rest in DETAIL_LABELS:
        return _PREFIX_LABELS[prefix] + DETAIL_LABELS[rest]
    return key


def _shown(value: Any) -> str | None:
    """A detail value as text, or None for structures a person could not read in one line."""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, str | int | float | Decimal):
        return str(value)
    if isinstance(value, list | tuple) and all(
        isinstance(v, str | int | float | Decimal) and not isinstance(v, bool) for v in value
    ):
        return "、".join(str(v) for v in value)
    return None


def _names(value: Any) -> Any:
    """Usernames as the people's names (``officer1`` → 陈刚); anything else unchanged."""
    wanted = [value] if isinstance(value, str) else value
    if not isinstance(wanted, list | tuple) or not all(isinstance(v, str) for v in wanted):
        return value
    found = org_queries.display_names(list(wanted))
    shown = [found.get(v) or v for v in wanted]
    return shown[0] if isinstance(value, str) else shown


def refusal(exc: ChengguanError) -> dict[str, Any]:
    """The template-friendly view of an error: also used inline next to a form."""
    violations = list(exc.details.get("violations", [])) if exc.details else []
    fields = []
    for key, value in (exc.details or {}).items():
        if key in _PEOPLE:
            value = _names(value)
        text = _shown(value)
        if key != "violations" and text:
            fields.append({"key": key, "label": detail_label(key), "value": text})
    return {
        "status": exc.status,
        "title": TITLES.get(exc.status, "出错了"),
        "code": exc.code,
        "rule": exc.rule if isinstance(exc, ProcedureError) and exc.rule != "state" else "",
        "message": exc.message,
        "article": exc.article,
        "violations": violations,
        "fields": fields,
    }


def error_page(request: HttpRequest, exc: ChengguanError) -> HttpResponse:
    return render(request, "web/error.html", page(request, error=refusal(exc)), status=exc.status)


def staff_page(view: Callable[..., HttpResponseBase]) -> Callable[..., HttpResponseBase]:
    """Signed-in only; any ChengguanError raised by a query or action becomes the error page."""

    @functools.wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        try:
            return view(request, *args, **kwargs)
        except ChengguanError as exc:
            return error_page(request, exc)
        except Http404:
            return error_page(request, NotFound("未找到该对象，或您无权查看"))

    return login_required(wrapper)

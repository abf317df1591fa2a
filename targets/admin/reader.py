"""管理后台 → 读取工作报告: upload or paste a report, check the reader's proposals beside their sentences, confirm.

1. ``upload``: a .txt or .docx file (at most 20 MB) or pasted text, and the plan year. The text is kept on the
   server as a draft file named by a random token (never in the session), and the admin is sent to its preview.
2. ``preview``: every proposed target and result beside its sentence with the quote highlighted, each editable
   (name, kind, value, unit, firmness, qualifier, deadline, period, which indicator or a new one), each can be
   dropped, and blank rows can be added. What the year already has is listed, and a row that would meet an
   existing target or baseline asks whether to keep it or replace it. Nothing is stored until 确认导入, and a row
   whose quote is no longer in the report is refused.
3. Confirm calls ``targets.report_import.import_report``, the one write, then deletes the draft.

Only 管理员 reach these views: they are admin views (``TownAdminSite.admin_view`` refuses every other role).
"""

import json
import secrets
import time
from datetime import date
from decimal import Decimal
from pathlib import Path

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Max
from django.forms import formset_factory
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from targets.models import Indicator, Result, Target
from targets.reader import MAX_BYTES, IndicatorRef, ReaderError, ReportFileError, read, report_text
from targets.reader.numbers import decimal_string, unit_dimension
from targets.report_import import KEEP, REPLACE, ResultRow, TargetRow, baseline_value, import_report

DRAFT_LIFETIME = 2 * 24 * 3600
NEW = "new"


# --- drafts: the uploaded text, on the server, by reference -------------------------------------------------


def draft_dir() -> Path:
    return Path(getattr(settings, "REPORT_DRAFT_DIR", settings.DATA_DIR / "report-drafts"))


def save_draft(text: str, filename: str, year: int, user) -> str:
    """Keep ``text`` for ``user`` under a random token; old drafts are cleared on the way."""
    folder = draft_dir()
    folder.mkdir(parents=True, exist_ok=True)
    now = time.time()
    for old in folder.glob("*.json"):
        if now - old.stat().st_mtime > DRAFT_LIFETIME:
            old.unlink(missing_ok=True)
    token = secrets.token_urlsafe(18)
    data = {"user": user.pk, "filename": filename, "year": year, "text": text}
    (folder / f"{token}.json").write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return token


def load_draft(token: str, user) -> dict | None:
    if not token.replace("-", "").replace("_", "").isalnum():
        return None
    path = draft_dir() / f"{token}.json"
    if not path.is_file():
        return None
    data = json.loads(path.read_text(encoding="utf-8"))
    return data if data.get("user") == user.pk else None


def delete_draft(token: str) -> None:
    (draft_dir() / f"{token}.json").unlink(missing_ok=True)


# --- forms ---------------------------------------------------------------------------------------------------


def default_year() -> int:
    latest = Target.objects.aggregate(latest=Max("year"))["latest"]
    return latest + 1 if latest else date.today().year


class UploadForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("报告文件"),
        required=False,
        help_text=gettext_lazy("政府工作报告的 .txt（UTF-8 或 GB18030 编码）或 .docx 文件，不超过 20 MB。"),
        widget=forms.ClearableFileInput(attrs={"accept": ".txt,.docx,text/plain"}),
    )
    text = forms.CharField(
        label=gettext_lazy("或粘贴报告全文"),
        required=False,
        strip=False,
        max_length=MAX_BYTES // 3,
        widget=forms.Textarea(attrs={"rows": 8}),
    )
    year = forms.IntegerField(
        label=gettext_lazy("计划年度"),
        min_value=2000,
        max_value=2100,
        help_text=gettext_lazy("报告安排工作的年度（如 2024），目标存入该年度，报告回顾的实绩存入上一年度。"),
    )

    def clean(self):
        cleaned = super().clean()
        upload, pasted = cleaned.get("file"), cleaned.get("text") or ""
        if self.errors:
            return cleaned
        if upload and pasted.strip():
            raise ValidationError(_("请只上传文件或只粘贴文字，不要同时提供。"))
        if upload:
            if upload.size > MAX_BYTES:
                raise ValidationError(_("文件超过 20 MB，请只上传工作报告正文。"))
            try:
                cleaned["report"] = report_text(upload.read(), upload.name)
            except ReportFileError as error:
                raise ValidationError(str(error)) from error
            cleaned["filename"] = upload.name
        elif pasted.strip():
            cleaned["report"] = pasted.replace("\r\n", "\n")
            cleaned["filename"] = _("粘贴的文字")
        else:
            raise ValidationError(_("请上传报告文件，或粘贴报告全文。"))
        if "\x00" in cleaned["report"]:
            raise ValidationError(_("报告中含有空字符（NUL），这不是文本。"))
        try:
            cleaned["reading"] = read(cleaned["report"], cleaned.get("year"))
        except ReaderError as error:
            raise ValidationError(str(error)) from error
        if not cleaned["reading"].targets and not cleaned["reading"].results:
            raise ValidationError(_("报告中没有找到可读取的目标或实绩（没有带单位的数字）。"))
        return cleaned


KIND_CHOICES = Target.Kind.choices
FIRMNESS_CHOICES = [("", _("无"))] + [(value, label) for value, label in Target.Firmness.choices if value]
EXISTING_CHOICES = [(KEEP, gettext_lazy("保留已有")), (REPLACE, gettext_lazy("用报告覆盖"))]


class QuotedRow(forms.Form):
    keep = forms.BooleanField(label=gettext_lazy("导入"), required=False, initial=True)
    name = forms.CharField(label=gettext_lazy("名称"), max_length=120, required=False)
    quote = forms.CharField(
        label=gettext_lazy("报告原文"), required=False, widget=forms.Textarea(attrs={"rows": 2, "cols": 40})
    )
    section_number = forms.IntegerField(required=False, widget=forms.HiddenInput)
    section_title = forms.CharField(required=False, widget=forms.HiddenInput)
    on_existing = forms.ChoiceField(
        label=gettext_lazy("已有数据"),
        choices=EXISTING_CHOICES,
        required=False,
        initial=KEEP,
        widget=forms.RadioSelect,
    )

    def __init__(self, *args, report_text="", **kwargs):
        self.report_text = report_text
        super().__init__(*args, **kwargs)

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("keep"):
            return cleaned
        if not (cleaned.get("name") or "").strip():
            self.add_error("name", _("请填写名称。"))
        quote = cleaned.get("quote") or ""
        if not quote.strip():
            self.add_error("quote", _("请填写报告原文（报告中的原句）。"))
        elif quote not in self.report_text:
            self.add_error("quote", _("报告原文与报告不符：原文必须是报告中一字不差的一段文字。"))
        return cleaned


class TargetRowForm(QuotedRow):
    # Initials equal to what an untouched blank row posts, so that an empty added row is left out, not refused.
    kind = forms.ChoiceField(label=gettext_lazy("类型"), choices=KIND_CHOICES, initial=Target.Kind.AMOUNT)
    value = forms.DecimalField(
        label=gettext_lazy("目标值"), required=False, min_value=0, max_digits=18, decimal_places=4
    )
    unit = forms.CharField(label=gettext_lazy("单位"), max_length=20, required=False)
    firmness = forms.ChoiceField(label=gettext_lazy("表述"), choices=FIRMNESS_CHOICES, required=False)
    qualifier = forms.CharField(label=gettext_lazy("限定词"), max_length=10, required=False)
    deadline = forms.DateField(
        label=gettext_lazy("截止日期"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    period = forms.ChoiceField(label=gettext_lazy("周期"), choices=Target.Period.choices, required=False)
    indicator = forms.ChoiceField(label=gettext_lazy("指标"), required=False, initial=NEW)
    headline = forms.BooleanField(required=False, widget=forms.HiddenInput)
    direction = forms.ChoiceField(
        label=gettext_lazy("方向（新建指标）"),
        choices=Indicator.Direction.choices,
        initial=Indicator.Direction.HIGHER,
        required=False,
    )

    def __init__(self, *args, indicator_choices=(), year=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.year = year
        self.fields["indicator"].choices = [(NEW, _("新建指标"))] + list(indicator_choices)

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("keep"):
            return cleaned
        kind = cleaned.get("kind")
        if kind != Target.Kind.MILESTONE and cleaned.get("value") is None:
            self.add_error("value", _("除里程碑/定性目标外，目标值不能为空。"))
        if kind != Target.Kind.MILESTONE and not (cleaned.get("unit") or "").strip():
            self.add_error("unit", _("请填写单位。"))
        deadline = cleaned.get("deadline")
        if deadline and self.year and deadline.year != self.year:
            self.add_error("deadline", _("截止日期必须在目标年度（%(year)s年）之内。") % {"year": self.year})
        if kind == Target.Kind.RECURRING and not cleaned.get("period"):
            self.add_error("period", _("定期完成的目标须选择周期。"))
        return cleaned


class ResultRowForm(QuotedRow):
    value = forms.DecimalField(
        label=gettext_lazy("数值"), required=False, min_value=0, max_digits=18, decimal_places=4
    )
    unit = forms.CharField(label=gettext_lazy("单位"), max_length=20, required=False)
    qualifier = forms.CharField(label=gettext_lazy("限定词"), max_length=10, required=False)
    baseline_of = forms.TypedChoiceField(
        label=gettext_lazy("作为基数"), required=False, coerce=int, empty_value=None
    )

    def __init__(self, *args, target_choices=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["baseline_of"].choices = [("", _("不作为基数"))] + list(target_choices)

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("keep"):
            if cleaned.get("value") is None:
                self.add_error("value", _("请填写数值。"))
            if not (cleaned.get("unit") or "").strip():
                self.add_error("unit", _("请填写单位。"))
        return cleaned


TargetFormSet = formset_factory(TargetRowForm, extra=2)
ResultFormSet = formset_factory(ResultRowForm, extra=1)


# --- views -----------------------------------------------------------------------------------------------------


def upload(request, admin_site):
    form = UploadForm(request.POST or None, request.FILES or None, initial={"year": default_year()})
    if request.method == "POST" and form.is_valid():
        token = save_draft(
            form.cleaned_data["report"],
            form.cleaned_data["filename"],
            form.cleaned_data["year"],
            request.user,
        )
        return redirect(reverse("admin:read_report_preview", args=[token]))
    context = {
        **admin_site.each_context(request),
        "title": _("读取工作报告"),
        "form": form,
        "max_mb": MAX_BYTES // 1024 // 1024,
    }
    return TemplateResponse(request, "admin/read_report/upload.html", context)


def _indicator_refs():
    return [
        IndicatorRef(pk, code, name, unit)
        for pk, code, name, unit in Indicator.objects.values_list("pk", "code", "name", "unit")
    ]


def _initial(reading):
    targets = []
    index_of = {}
    for index, proposal in enumerate(reading.targets):
        index_of[id(proposal)] = index
        targets.append(
            {
                "keep": True,
                "name": proposal.name,
                "kind": proposal.kind,
                "value": proposal.value,
                "unit": proposal.unit,
                "firmness": proposal.firmness if proposal.firmness in dict(Target.Firmness.choices) else "",
                "qualifier": proposal.qualifier[:10],
                "deadline": proposal.deadline,
                "period": proposal.period,
                "indicator": str(proposal.indicator.pk) if proposal.indicator else NEW,
                "quote": proposal.quote,
                "section_number": proposal.section_number,
                "section_title": proposal.section_title,
                "headline": proposal.headline,
                "direction": proposal.direction,
                "on_existing": KEEP,
            }
        )
    results = []
    baseline_of = {id(t.baseline): index_of[id(t)] for t in reading.targets if t.baseline is not None}
    for proposal in reading.results:
        results.append(
            {
                "keep": True,
                "name": proposal.name,
                "value": proposal.value,
                "unit": proposal.unit,
                "qualifier": proposal.qualifier[:10],
                "quote": proposal.quote,
                "section_number": proposal.section_number,
                "section_title": proposal.section_title,
                "baseline_of": baseline_of.get(id(proposal)),
                "on_existing": KEEP,
            }
        )
    return targets, results


def _in_context(text: str, quote: str, hint: int = 0) -> dict:
    """The sentence around ``quote`` split for highlighting: before, the quote, after."""
    start = text.find(quote, max(0, hint - len(quote))) if quote else -1
    if start == -1:
        start = text.find(quote) if quote else -1
    if start == -1:
        return {"before": "", "quote": quote, "after": "", "found": False}
    end = start + len(quote)
    left = max(text.rfind(mark, 0, start) for mark in "。！？\n；")
    right_candidates = [position for mark in "。！？\n；" if (position := text.find(mark, end)) != -1]
    right = min(right_candidates) + 1 if right_candidates else len(text)
    before = text[left + 1 : start]
    if len(before) > 120:
        before = "…" + before[-120:]
    after = text[end:right]
    if len(after) > 120:
        after = after[:120] + "…"
    return {"before": before, "quote": quote, "after": after, "found": True}


def preview(request, admin_site, token):
    draft = load_draft(token, request.user)
    if draft is None:
        raise Http404(_("找不到这份报告草稿（可能已导入或已过期），请重新上传。"))
    text, year = draft["text"], draft["year"]
    indicators = list(Indicator.objects.order_by("name"))
    by_pk = {str(indicator.pk): indicator for indicator in indicators}
    indicator_choices = [(str(i.pk), f"{i.name}（{i.unit}）") for i in indicators]
    existing_targets = {
        t.indicator_id: t for t in Target.objects.filter(year=year).select_related("indicator")
    }
    existing_results = {
        r.indicator_id: r
        for r in Result.objects.filter(year=year - 1, indicator__isnull=False).select_related("indicator")
    }
    reading = read(text, year, _indicator_refs())
    target_initial, result_initial = _initial(reading)
    for row in target_initial:
        existing = existing_targets.get(int(row["indicator"])) if row["indicator"] != NEW else None
        if existing is not None and existing.is_carried:
            row["on_existing"] = REPLACE  # a placeholder carried from last year, waiting for this report
    for row in result_initial:
        linked = target_initial[row["baseline_of"]] if row["baseline_of"] is not None else None
        existing = (
            existing_results.get(int(linked["indicator"])) if linked and linked["indicator"] != NEW else None
        )
        if existing is not None and existing.from_figures:
            row["on_existing"] = REPLACE  # last year's figures stood in until the report stated the result
    target_kwargs = {"indicator_choices": indicator_choices, "year": year, "report_text": text}
    target_choices = [(index, f"{index + 1}. {row['name']}") for index, row in enumerate(target_initial)]
    result_kwargs = {"report_text": text, "target_choices": target_choices}
    if request.method == "POST":
        target_formset = TargetFormSet(request.POST, prefix="t", form_kwargs=target_kwargs)
        result_formset = ResultFormSet(request.POST, prefix="r", form_kwargs=result_kwargs)
    else:
        target_formset = TargetFormSet(initial=target_initial, prefix="t", form_kwargs=target_kwargs)
        result_formset = ResultFormSet(initial=result_initial, prefix="r", form_kwargs=result_kwargs)
    problems = []
    if request.method == "POST" and target_formset.is_valid() and result_formset.is_valid():
        target_rows, result_rows, problems = _rows(target_formset, result_formset, by_pk, existing_targets)
        if not problems:
            try:
                outcome = import_report(year, target_rows, result_rows, request.user)
            except ValidationError as error:
                problems = (
                    [message for messages_ in error.message_dict.values() for message in messages_]
                    if hasattr(error, "message_dict")
                    else error.messages
                )
            else:
                delete_draft(token)
                messages.success(
                    request,
                    _(
                        "已从报告导入 %(year)s年目标 %(targets)d 项（覆盖 %(replaced)d 项，保留已有 %(kept)d 项），%(review)s年实绩 %(results)d 项。"
                    )
                    % {
                        "year": year,
                        "targets": len(outcome.created_targets),
                        "replaced": len(outcome.replaced_targets),
                        "kept": len(outcome.kept_targets),
                        "review": year - 1,
                        "results": len(outcome.created_results) + len(outcome.replaced_results),
                    },
                )
                return redirect(reverse("admin:targets_target_changelist") + f"?year={year}")
    target_rows_view = []
    for index, form in enumerate(target_formset.forms):
        data = _current(form)
        indicator = by_pk.get(str(data.get("indicator") or ""))
        existing = existing_targets.get(indicator.pk) if indicator else None
        target_rows_view.append(
            {
                "form": form,
                "index": index,
                "context": _in_context(text, data.get("quote") or ""),
                "existing": existing,
                "added": index >= len(target_initial),
            }
        )
    result_rows_view = []
    for index, form in enumerate(result_formset.forms):
        data = _current(form)
        baseline_index = data.get("baseline_of")
        target_data = (
            _current(target_formset.forms[int(baseline_index)])
            if baseline_index not in (None, "") and int(baseline_index) < len(target_formset.forms)
            else None
        )
        note = existing = None
        if target_data:
            indicator = by_pk.get(str(target_data.get("indicator") or ""))
            indicator_unit = indicator.unit if indicator else (target_data.get("unit") or "")
            note = _baseline_note(data, target_data, indicator_unit)
            existing = existing_results.get(indicator.pk) if indicator else None
        result_rows_view.append(
            {
                "form": form,
                "index": index,
                "context": _in_context(text, data.get("quote") or ""),
                "baseline_for": target_data.get("name") if target_data else "",
                "note": note,
                "existing": existing,
                "added": index >= len(result_initial),
            }
        )
    context = {
        **admin_site.each_context(request),
        "title": _("读取工作报告：核对并确认"),
        "draft": draft,
        "year": year,
        "review_year": year - 1,
        "target_formset": target_formset,
        "result_formset": result_formset,
        "target_rows": target_rows_view,
        "result_rows": result_rows_view,
        "existing_targets": sorted(
            existing_targets.values(), key=lambda t: (t.section.number, t.order, t.pk)
        ),
        "problems": problems,
        "kinds": KIND_CHOICES,
    }
    return TemplateResponse(request, "admin/read_report/preview.html", context)


def _current(form) -> dict:
    """A row's values as the admin last saw them: what was posted, else the initial proposal."""
    if form.is_bound:
        return {name: form[name].value() for name in form.fields}
    return form.initial


def _baseline_note(result: dict, target: dict, indicator_unit: str) -> str:
    unit = result.get("unit") or ""
    if not unit or not indicator_unit or unit == indicator_unit:
        return ""
    try:
        value = Decimal(str(result.get("value")))
    except ArithmeticError:
        return ""
    converted, converted_unit = baseline_value(value, unit, indicator_unit)
    if converted is not None:
        return _("作为基数换算为 %(value)s%(unit)s") % {
            "value": decimal_string(converted),
            "unit": converted_unit,
        }
    if target.get("kind") == Target.Kind.GROWTH or unit_dimension(unit) == unit_dimension(indicator_unit):
        return ""
    return _("单位与指标（%(unit)s）不同且无法换算：不作为基数") % {"unit": indicator_unit}


def _rows(target_formset, result_formset, by_pk, existing_targets):
    problems = []
    target_rows, kept_index = [], {}
    chosen = {}
    for index, form in enumerate(target_formset.forms):
        data = form.cleaned_data
        if not data or not data.get("keep"):
            continue
        indicator = by_pk.get(data.get("indicator") or "")
        if indicator is not None:
            if indicator.pk in chosen:
                problems.append(
                    _("“%(a)s”和“%(b)s”选择了同一指标“%(indicator)s”：一个指标一年只能有一个目标。")
                    % {"a": chosen[indicator.pk], "b": data["name"], "indicator": indicator.name}
                )
            chosen[indicator.pk] = data["name"]
        kept_index[index] = len(target_rows)
        target_rows.append(
            TargetRow(
                name=data["name"].strip(),
                kind=data["kind"],
                value=data.get("value")
                if data["kind"] != Target.Kind.MILESTONE or data.get("value") is not None
                else None,
                unit=(data.get("unit") or "").strip(),
                firmness=data.get("firmness") or "",
                qualifier=(data.get("qualifier") or "").strip(),
                deadline=data.get("deadline"),
                period=data.get("period") or "",
                quote=data["quote"],
                indicator=indicator,
                section_number=data.get("section_number") or 0,
                section_title=data.get("section_title") or "",
                headline=bool(data.get("headline")),
                on_existing=data.get("on_existing") or KEEP,
                direction=data.get("direction") or Indicator.Direction.HIGHER,
            )
        )
    baseline_units = {}
    result_rows = []
    for form in result_formset.forms:
        data = form.cleaned_data
        if not data or not data.get("keep"):
            continue
        baseline_of = data.get("baseline_of")
        linked = kept_index.get(baseline_of) if baseline_of is not None else None
        if linked is not None:
            baseline_units[linked] = data["unit"]
        result_rows.append(
            ResultRow(
                name=data["name"].strip(),
                value=data["value"],
                unit=data["unit"].strip(),
                qualifier=(data.get("qualifier") or "").strip(),
                quote=data["quote"],
                section_number=data.get("section_number") or 0,
                section_title=data.get("section_title") or "",
                baseline_of=linked,
                on_existing=data.get("on_existing") or KEEP,
            )
        )
    # A new indicator for a growth target is measured in its baseline's unit (亿元), not in %.
    for index, row in enumerate(target_rows):
        if row.indicator is None and row.kind == Target.Kind.GROWTH and index in baseline_units:
            row.indicator_unit = baseline_units[index]
    return target_rows, result_rows, problems

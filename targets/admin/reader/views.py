"""The views of 读取工作报告: ``upload`` keeps the text as a draft; ``preview`` shows, edits and confirms it.

Only 管理员 reach them: the admin site wraps them in ``admin_view``, which refuses every other role.
"""

from decimal import Decimal

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _

from targets.admin.reader.drafts import delete_draft, load_draft, save_draft
from targets.admin.reader.forms import (
    KIND_CHOICES,
    NEW,
    ResultFormSet,
    TargetFormSet,
    UploadForm,
    default_year,
)
from targets.models import Indicator, Result, Target
from targets.reader import MAX_BYTES, IndicatorRef, read
from targets.reader.numbers import decimal_string, unit_dimension
from targets.report_import import KEEP, REPLACE, ResultRow, TargetRow, baseline_value, import_report

# The model keeps 确保 (binding) and 力争 (a stretch); 争取/努力/力求 are stretches too, 计划 is neither.
STRETCH_WORDS = ("争取", "努力", "力求")


def stored_firmness(word: str) -> str:
    if word in STRETCH_WORDS:
        return Target.Firmness.STRIVE
    return word if word in dict(Target.Firmness.choices) else ""


SENTENCE_MARKS = "。！？!?；;\n"


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
                "firmness": stored_firmness(proposal.firmness),
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
    left = max(text.rfind(mark, 0, start) for mark in SENTENCE_MARKS)
    right_candidates = [position for mark in SENTENCE_MARKS if (position := text.find(mark, end)) != -1]
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
            except IntegrityError:
                problems = [
                    _("与已有数据冲突（同一指标同一年度只能有一个目标、一个实绩），请检查所选指标后重试。")
                ]
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
            if linked in baseline_units:
                problems.append(
                    _("两条实绩都选作“%(name)s”的基数：一个目标只能有一个基数。")
                    % {"name": target_rows[linked].name}
                )
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

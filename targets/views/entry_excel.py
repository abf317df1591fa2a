"""Excel both ways: download an office's month prefilled; upload it filled in, preview each row, confirm.

The upload is read and checked on the server (``save_month(..., dry_run=True)``) and kept in a
``PendingImport`` row until the person confirms (the session holds only its random token); the confirmed import is the same ``save_month`` as the form. The upload page sends the file
with XMLHttpRequest to show real upload progress; without JavaScript it is an ordinary form.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from targets import roles
from targets.entry import excel, loaded, services
from targets.entry.rows import entry_years, month_rows, office_indicators, office_month
from targets.forms import ImportForm
from targets.models import FigureChange, Office, PendingImport

SESSION_KEY = "entry_import"


def _office(office, year, month, user, *, edit):
    office = get_object_or_404(Office, pk=office)
    if not 1 <= month <= 12 or year not in entry_years():
        raise Http404
    allowed = roles.may_enter(user, office) if edit else roles.may_read_office(user, office)
    if not allowed:
        raise PermissionDenied
    return office


def export(request, office, year, month):
    office = _office(office, year, month, request.user, edit=False)
    current = office_month(office, year, month)
    data = excel.month_workbook(
        office, year, month, current.version if current else 0, month_rows(office, year, month)
    )
    response = HttpResponse(
        data, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    filename = f"entry-{office.pk}-{year}-{month:02d}.xlsx"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def upload(request, office, year, month):
    office = _office(office, year, month, request.user, edit=True)
    ajax = request.headers.get("x-requested-with") == "XMLHttpRequest"
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST":
        error = None
        if form.is_valid():
            try:
                read = excel.read_upload(form.cleaned_data["file"].read())
            except excel.ExcelError as problem:
                error = str(problem)
            else:
                error = _mismatch(read, office, year, month)
                if error is None:
                    PendingImport.forget_old()
                    pending = PendingImport.objects.create(
                        user=request.user,
                        office=office,
                        year=year,
                        month=month,
                        version=read.version,
                        filename=form.cleaned_data["file"].name[:120],
                        lines=read.lines,
                    )
                    request.session[SESSION_KEY] = pending.token
                    target = reverse(
                        "targets:entry_import_preview",
                        kwargs={"office": office.pk, "year": year, "month": month},
                    )
                    return JsonResponse({"redirect": target}) if ajax else redirect(target)
        else:
            error = " ".join(message for messages_ in form.errors.values() for message in messages_)
        if ajax:
            return JsonResponse({"error": error}, status=400, json_dumps_params={"ensure_ascii": False})
        if error and form.is_valid():
            form.add_error(None, error)
    context = {"office": office, "year": year, "month": month, "form": form}
    return render(
        request, "targets/entry_import.html", context, status=400 if request.method == "POST" else 200
    )


def _mismatch(read, office, year, month) -> str | None:
    if read.year is not None and read.month is not None and (read.year, read.month) != (year, month):
        return _("这是 %(y)s年%(m)s月 的文件，不是本页的 %(year)s年%(month)s月。") % {
            "y": read.year,
            "m": read.month,
            "year": year,
            "month": month,
        }
    if read.office_name and read.office_name != office.name:
        return _("这是“%(name)s”的文件，不是“%(office)s”的。") % {
            "name": read.office_name[:60],
            "office": office.name,
        }
    if not read.lines:
        return _("文件里没有任何指标行。")
    return None


def preview(request, office, year, month):
    """Each row's result before anything is stored; POST confirms and saves the month all at once."""
    office = _office(office, year, month, request.user, edit=True)
    token = request.session.get(SESSION_KEY)
    pending = PendingImport.objects.filter(
        token=token if isinstance(token, str) else "",
        user=request.user,
        office=office,
        year=year,
        month=month,
    ).first()
    if pending is None:
        messages.error(request, _("没有待确认的导入，请先上传文件。"))
        return redirect("targets:entry_import", office=office.pk, year=year, month=month)
    by_code = {indicator.code: indicator for indicator in office_indicators(office)}
    confirming = request.method == "POST"
    stored = {"version": pending.version, "filename": pending.filename, "lines": pending.lines}
    scope = (office.pk, year, month)
    # Rows whose conflicts the person saw in this preview and chose to overwrite with the file's content.
    acknowledged = {
        indicator.pk: known
        for indicator in by_code.values()
        if confirming
        and (known := loaded.unsign(request.POST.get(f"overwrite_{indicator.pk}"), *scope, indicator.pk))
    }
    entries, problems = excel.entries_from(
        stored["lines"], by_code, confirm_all=confirming, scope=scope, acknowledged=acknowledged
    )
    version = stored["version"]
    outcome = services.save_month(
        office,
        year,
        month,
        entries,
        request.user,
        source=FigureChange.Source.IMPORT,
        expected_version=version,
        dry_run=not confirming or bool(problems),
    )
    if confirming and outcome.saved and not problems:
        pending.delete()
        del request.session[SESSION_KEY]
        messages.success(request, _("导入成功：修改 %(count)s 项。") % {"count": outcome.changed})
        if outcome.kept:
            messages.info(
                request,
                _("下载文件后，别人修改了：%(names)s；文件中这些项没有改动，已保留他们的数值。")
                % {"names": "、".join(indicator.name for indicator in outcome.kept)},
            )
        return redirect("targets:entry_month", office=office.pk, year=year, month=month)
    checked = outcome.by_indicator()
    lines = []
    for line in stored["lines"]:
        indicator = by_code.get(line["code"])
        result = checked.get(indicator.pk) if indicator and line["line"] not in problems else None
        if line["line"] in problems:
            outcome_label, reasons = "error", [problems[line["line"]]]
        elif result is None:
            outcome_label, reasons = "error", [_("未检查。")]
        else:
            outcome_label, reasons = result.outcome, result.errors + result.warnings
        lines.append(
            {
                "line": line,
                "indicator": indicator,
                "result": result,
                "outcome": outcome_label,
                "reasons": reasons,
            }
        )
    errors = bool(problems) or bool(outcome.errors) or any(row["outcome"] == "error" for row in lines)
    blocking = errors or outcome.conflict
    context = {
        "office": office,
        "year": year,
        "month": month,
        "stored": stored,
        "lines": lines,
        "outcome": outcome,
        "blocking": blocking,
        # Only conflicts stand in the way: the person may overwrite them knowingly, row by row as listed.
        "overwrite": [(pk, loaded.sign(known, *scope, pk)) for pk, known in outcome.acknowledged().items()]
        if outcome.conflicts and not errors
        else [],
        "counts": {
            key: sum(1 for row in lines if row["outcome"] == key)
            for key in ("ok", "warning", "error", "blank")
        },
        "may_confirm": roles.may_enter(request.user, office),
    }
    return render(request, "targets/entry_import_preview.html", context)

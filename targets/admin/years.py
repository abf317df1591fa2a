"""管理后台 → 开始新年度: choose the year, see everything that would be created, then confirm.

The preview is computed again on confirmation from the year and source year the form carries, with the preview's
fingerprint: if anything changed in between (someone else started the year, a month was approved), nothing is
written and the new preview is shown. The work is ``targets.years``; this view only gathers, calls and renders.
"""

from django import forms
from django.contrib import admin, messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from targets import roles, years


class StartYearForm(forms.Form):
    year = forms.CharField(label=gettext_lazy("新年度"), max_length=10)
    from_year = forms.CharField(
        label=gettext_lazy("沿用年度"),
        max_length=10,
        required=False,
        help_text=gettext_lazy("留空则为新年度的上一年"),
    )

    def clean_year(self):
        return self._year("year", gettext_lazy("新年度"))

    def clean_from_year(self):
        if not self.cleaned_data.get("from_year", "").strip():
            return None
        return self._year("from_year", gettext_lazy("沿用年度"))

    def _year(self, name, label):
        try:
            return years.parse_year(self.cleaned_data[name], str(label))
        except years.YearError as error:
            raise forms.ValidationError(str(error)) from error


def start_year_view(request):
    roles.require(roles.is_admin, request.user)
    context = {**admin.site.each_context(request), "title": _("开始新年度")}
    if request.method == "POST":
        form = StartYearForm(request.POST)
        if form.is_valid():
            year, from_year = form.cleaned_data["year"], form.cleaned_data["from_year"]
            try:
                plan = years.start_year(
                    year, from_year, user=request.user, fingerprint=request.POST.get("fingerprint", "")
                )
            except years.YearError as error:
                messages.error(request, str(error))
                return _preview(request, form, context)
            messages.success(
                request,
                _("已开始%(year)s年：%(summary)s。") % {"year": plan.year, "summary": plan.summary()},
            )
            return redirect(f"{reverse('admin:targets_target_changelist')}?year={plan.year}")
        return render(request, "admin/targets/start_year.html", {**context, "form": form}, status=400)
    if "year" in request.GET:
        return _preview(request, StartYearForm(request.GET), context)
    return render(request, "admin/targets/start_year.html", {**context, "form": StartYearForm()})


def _preview(request, form, context):
    if not form.is_valid():
        return render(request, "admin/targets/start_year.html", {**context, "form": form}, status=400)
    try:
        plan = years.plan_year(form.cleaned_data["year"], form.cleaned_data["from_year"])
    except years.YearError as error:
        form.add_error(None, str(error))
        return render(request, "admin/targets/start_year.html", {**context, "form": form}, status=400)
    return render(request, "admin/targets/start_year.html", {**context, "form": form, "plan": plan})

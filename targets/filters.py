"""The dashboard's choosers and filters: year, "as of" month, section, office, status, firmness and kind.

A plain Django form (django-filter is not installed: status and completion are computed in Python, so a
queryset filter could serve only half of the fields anyway); ``targets.dashboard.apply_filters`` filters the
rows with its cleaned data. A value that is not one of the choices is dropped with a message in Chinese, and the
page shows the targets without it.
"""

from django import forms
from django.db.models import Max
from django.utils import timezone
from django.utils.functional import lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from targets.models import Figure, Target
from targets.progress import display


def _month_label(month: int) -> str:
    return gettext("%(month)s月") % {"month": month}


# Labels are translated when shown, in the reader's language, not once when the module loads.
month_label = lazy(_month_label, str)
MONTH_CHOICES = [(m, month_label(m)) for m in range(1, 13)]
FIRST_YEAR, LAST_YEAR = 2000, 2100


def target_years() -> list[int]:
    return sorted(set(Target.objects.values_list("year", flat=True)))


def default_year(years: list[int], today=None) -> int:
    """This year if it has targets, else the latest year with targets before it, else the first one."""
    today = today or timezone.localdate()
    if not years:
        return today.year
    earlier = [year for year in years if year <= today.year]
    return max(earlier) if earlier else min(years)


def default_month(year: int, today=None) -> int:
    """The last month with figures for the year's targets; without any, this month (or December of a past year)."""
    today = today or timezone.localdate()
    latest = Figure.objects.filter(
        year=year, indicator__targets__year=year, month__lte=12 if year < today.year else today.month
    ).aggregate(latest=Max("month"))["latest"]
    if latest:
        return latest
    return today.month if year == today.year else 12


class DashboardFilter(forms.Form):
    year = forms.IntegerField(label=_("年度"), min_value=FIRST_YEAR, max_value=LAST_YEAR, required=False)
    month = forms.TypedChoiceField(
        label=_("截至月份"),
        choices=[("", _("最新"))] + MONTH_CHOICES,
        coerce=int,
        required=False,
        empty_value=None,
    )
    # Choices are the sections and leading offices of the year's targets, read with them (no query of their own).
    section = forms.TypedChoiceField(label=_("章节"), coerce=int, required=False, empty_value=None)
    office = forms.TypedChoiceField(label=_("牵头单位"), coerce=int, required=False, empty_value=None)
    status = forms.ChoiceField(
        label=_("状态"),
        choices=lazy(lambda: [("", _("全部")), *display.status_choices()], list)(),
        required=False,
    )
    firmness = forms.ChoiceField(
        label=_("表述"),
        choices=[("", _("全部"))] + [c for c in Target.Firmness.choices if c[0]] + [("-", _("无"))],
        required=False,
    )
    kind = forms.ChoiceField(label=_("类型"), choices=[("", _("全部"))] + Target.Kind.choices, required=False)

    def __init__(self, *args, targets=(), **kwargs):
        """``targets``: the targets of the year shown, with their section and indicator's office loaded."""
        super().__init__(*args, **kwargs)
        self.fields["year"].error_messages.update(
            {
                "invalid": _("年度须为四位数字，如 2023。"),
                "min_value": _("年度须在 %(limit_value)s 年之后。"),
                "max_value": _("年度须在 %(limit_value)s 年之前。"),
            }
        )
        self.fields["month"].error_messages["invalid_choice"] = _("月份须为 1 到 12。")
        sections = {target.section_id: target.section for target in targets}
        offices = {t.indicator.office_id: t.indicator.office for t in targets if t.indicator.office_id}
        everything = [("", _("全部"))]
        self.fields["section"].choices = everything + [
            (s.pk, s.title) for s in sorted(sections.values(), key=lambda s: (s.number, s.pk))
        ]
        self.fields["office"].choices = everything + [
            (o.pk, o.name) for o in sorted(offices.values(), key=lambda o: (o.order, o.name))
        ]

    @property
    def is_filtered(self) -> bool:
        return any(
            self.cleaned_data.get(name) for name in ("section", "office", "status", "firmness", "kind")
        )

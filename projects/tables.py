"""The register as a django-tables2 table: sortable, filtered by the view, exported to .xlsx as shown."""

import django_tables2 as tables
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from projects.models import Project, ProjectStatus
from targets.people import person_name

STAGE_LABELS = dict(Project.Stage.choices)
STATUS_LABELS = dict(ProjectStatus.choices)


# Columns a phone leaves out (app.css), so that the name, status, stage, office and amount fit its width.
MINOR = {"td": {"class": "col-minor"}, "th": {"class": "col-minor"}}


class ProjectTable(tables.Table):
    """Expects projects annotated by ``Project.objects.with_status(today)``. The status comes right after the
    name: it is what a leader reads first, and on a phone the columns after it may need scrolling."""

    name = tables.Column(verbose_name=_("名称"), linkify=True, attrs={"td": {"class": "col-name"}})
    kind = tables.Column(verbose_name=_("类别"), attrs=MINOR)
    category = tables.Column(verbose_name=_("分类"), attrs=MINOR)
    office = tables.Column(verbose_name=_("责任单位"), order_by=("office__order", "office__name"))
    responsible = tables.Column(verbose_name=_("责任人"), attrs=MINOR)
    investment = tables.Column(
        verbose_name=_("投资额"), attrs={"td": {"class": "number"}, "th": {"class": "number"}}
    )
    investment_unit = tables.Column(verbose_name=_("单位"))
    current_stage = tables.Column(verbose_name=_("当前阶段"), order_by=("current_stage",))
    status = tables.Column(verbose_name=_("状态"), attrs={"td": {"class": "col-status"}})
    deadline = tables.DateColumn(verbose_name=_("完成时限"), format="Y-m-d", attrs=MINOR)
    year = tables.Column(verbose_name=_("年度"), attrs=MINOR)

    class Meta:
        model = Project
        fields = [
            "name",
            "status",
            "current_stage",
            "office",
            "investment",
            "investment_unit",
            "kind",
            "category",
            "responsible",
            "deadline",
            "year",
        ]
        attrs = {"class": "table project-table"}
        empty_text = _("没有符合条件的项目。")
        order_by = ("-year", "name")

    def render_name(self, record, value):
        if record.is_sample:
            return format_html('{} <span class="sample-badge">{}</span>', value, _("示例数据"))
        return value

    def value_name(self, record, value):
        return _("%(name)s（示例数据）") % {"name": value} if record.is_sample else value

    def render_investment(self, value):
        return f"{value.normalize():f}"

    def value_investment(self, value):
        return value

    def render_responsible(self, value):
        return person_name(value)

    def value_responsible(self, value):
        return person_name(value)

    def render_current_stage(self, value):
        return STAGE_LABELS.get(value, value)

    def value_current_stage(self, value):
        return STAGE_LABELS.get(value, value) if value else ""

    def render_status(self, value):
        return format_html(
            '<span class="status project-status-{}">{}</span>', value, STATUS_LABELS.get(value, value)
        )

    def value_status(self, value):
        return str(STATUS_LABELS.get(value, value))

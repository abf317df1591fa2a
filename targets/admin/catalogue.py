"""Admin pages for the report's catalogue: sections, indicators, targets and their revisions, past results.

A target is a promise quoted from the report, so an admin may change it only with a reason: the form asks for one
whenever a tracked field changes, and ``save_model`` writes one ``TargetRevision`` per changed field, while the
report's original value stays on the target (``original_value``). An indicator's unit (个 → 万元 changes the
meaning of every stored figure) and a result that is a baseline of the next year's target also need a reason.

Every change made here is also kept as ``AdminChange`` (``targets.admin.audit``), and an indicator, target or
result that carries figures or history is archived, never deleted.
"""

from django import forms
from django.contrib import admin, messages
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from import_export.admin import ImportExportMixin
from import_export.formats.base_formats import CSV, XLSX
from import_export.forms import ImportForm

from targets.admin.audit import ArchiveAdmin, AuditedAdmin
from targets.admin.phasing import PhasingField
from targets.admin.readonly import ReadOnlyMixin, person_column
from targets.models import Indicator, Result, Section, Target, TargetRevision

# Indicators and targets go to and come from Excel (or CSV) only; see targets.admin.excel.
EXCEL_FORMATS = [XLSX, CSV]
MAX_IMPORT_BYTES = 5 * 2**20

# The fields whose change is a revision of the promise and so needs a reason.
TRACKED_FIELDS = [
    "value",
    "unit",
    "kind",
    "firmness",
    "qualifier",
    "deadline",
    "period",
    "assessed_in",
    "phasing",
    "quote",
    "indicator",
    "section",
    "year",
]


def reason_field(help_text):
    return forms.CharField(
        label=_("修改理由"), required=False, widget=forms.Textarea(attrs={"rows": 2}), help_text=help_text
    )


class SizedImportForm(ImportForm):
    """The upload form of 导入, refusing a file too big to be a town's list of targets before it is read."""

    def clean_import_file(self):
        upload = self.cleaned_data["import_file"]
        if upload.size > MAX_IMPORT_BYTES:
            raise forms.ValidationError(
                _("文件超过 %(limit)s MB，请只保留指标或目标的表格后再上传。")
                % {"limit": MAX_IMPORT_BYTES // 2**20}
            )
        return upload


class ExcelMixin(ImportExportMixin):
    """导入 / 导出 with django-import-export (resources in ``targets.admin.excel``): .xlsx or .csv, a preview of every
    row first, and an import with any bad row rolled back whole, at the preview and again at confirmation."""

    formats = EXCEL_FORMATS
    import_form_class = SizedImportForm

    def add_data_read_fail_error_to_form(self, form, e):
        form.add_error(
            "import_file", _("无法读取这个文件：请上传 Excel（.xlsx）或 CSV 文件，并选择对应的格式。")
        )

    def get_import_data_kwargs(self, **kwargs):
        return {**super().get_import_data_kwargs(**kwargs), "rollback_on_validation_errors": True}

    def process_result(self, result, request):
        if result.has_errors() or result.has_validation_errors():
            messages.error(request, _("文件中有错误的行，未导入任何内容；请重新上传，预览会逐行列出错误。"))
            return HttpResponseRedirect(reverse(f"admin:{self.opts.app_label}_{self.opts.model_name}_import"))
        return super().process_result(result, request)


class TargetAdminForm(forms.ModelForm):
    phasing = PhasingField(label=_("月度计划（各月占全年目标的百分比）"))
    reason = reason_field(_("修改目标值、截止日期等内容时必须填写，将记入修订记录。"))

    class Meta:
        model = Target
        fields = [
            "indicator",
            "year",
            "section",
            "kind",
            "headline",
            "order",
            "firmness",
            "qualifier",
            "value",
            "unit",
            "deadline",
            "period",
            "assessed_in",
            "phasing",
            "quote",
        ]

    def tracked_changes(self) -> list[str]:
        if not self.instance.pk:
            return []
        return [name for name in TRACKED_FIELDS if name in self.changed_data]

    def clean(self):
        cleaned = super().clean()
        if self.tracked_changes() and not (cleaned.get("reason") or "").strip():
            self.add_error("reason", _("修改目标须填写修改理由。"))
        if "quote" in cleaned and not cleaned["quote"].strip() and not self.instance.carried_from_id:
            self.add_error("quote", _("请填写报告原文（目标出自报告的原句）。"))
        return cleaned


class RevisionInline(ReadOnlyMixin, admin.TabularInline):
    model = TargetRevision
    extra = 0
    can_delete = False
    fields = ["changed_at", "changed_by_name", "field", "old_value", "new_value", "reason"]
    readonly_fields = fields
    changed_by_name = person_column("changed_by", _("修改人"))
    verbose_name_plural = _("修订记录（谁、何时、原值 → 新值、理由）")


@admin.register(Target)
class TargetAdmin(ExcelMixin, ArchiveAdmin):
    form = TargetAdminForm

    def get_resource_classes(self, request):
        from targets.admin.excel import TargetResource  # it reads this module's TRACKED_FIELDS

        return [TargetResource]

    list_display = [
        "indicator_name",
        "year",
        "section",
        "kind",
        "firmness",
        "value",
        "unit",
        "original_value",
        "deadline",
        "office",
    ]
    list_display_links = ["indicator_name"]
    list_filter = ["year", "section", "indicator__office", "kind", "firmness", "assessed_in", "headline"]
    search_fields = ["indicator__name", "quote"]
    list_select_related = ["indicator__office", "section"]
    readonly_fields = ["original_value"]
    inlines = [RevisionInline]
    fieldsets = [
        (None, {"fields": ["indicator", "year", "section", "kind", "headline", "order"]}),
        (
            _("目标"),
            {
                "fields": [
                    "firmness",
                    "qualifier",
                    "value",
                    "unit",
                    "original_value",
                    "deadline",
                    "period",
                    "assessed_in",
                    "phasing",
                ]
            },
        ),
        (_("出处"), {"fields": ["quote"]}),
        (_("修订"), {"fields": ["reason"]}),
    ]

    @admin.display(description=_("指标"), ordering="indicator__name")
    def indicator_name(self, target):
        return target.indicator.name

    @admin.display(description=_("牵头单位"), ordering="indicator__office__name")
    def office(self, target):
        return target.indicator.office or "—"

    def save_model(self, request, obj, form, change):
        if obj.carried_from_id and obj.quote.strip():
            obj.carried_from = (
                None  # the year's report now states this target: no longer a carried placeholder
            )
        revisions = []
        if change:
            before = Target.all_objects.get(pk=obj.pk)
            reason = form.cleaned_data["reason"].strip()
            for name in form.tracked_changes():
                revisions.append(
                    TargetRevision(
                        target=obj,
                        changed_by=request.user,
                        field=str(Target._meta.get_field(name).verbose_name),
                        old_value=display(getattr(before, name)),
                        new_value=display(getattr(obj, name)),
                        reason=reason,
                    )
                )
        super().save_model(request, obj, form, change)
        TargetRevision.objects.bulk_create(revisions)


def display(value) -> str:
    """A field's value as the revision history shows it."""
    if value is None or value == "":
        return ""
    if hasattr(value, "normalize"):
        return f"{value.normalize():f}"
    return str(value)


class IndicatorAdminForm(forms.ModelForm):
    reason = reason_field(_("修改单位时必须填写：单位决定每一个已填数值的含义。"))

    class Meta:
        model = Indicator
        fields = "__all__"  # noqa: DJ007 - the admin edits every field, as before this form; only the reason is added

    def clean(self):
        cleaned = super().clean()
        if self.instance.pk and "unit" in self.changed_data and not (cleaned.get("reason") or "").strip():
            self.add_error("reason", _("修改指标单位须填写修改理由（已填数值的含义会随之改变）。"))
        return cleaned


class ResultAdminForm(forms.ModelForm):
    reason = reason_field(_("作为下一年目标基数的实绩，修改数值、单位等时必须填写。"))
    BASELINE_FIELDS = ["value", "unit", "qualifier", "indicator", "year"]

    class Meta:
        model = Result
        fields = "__all__"  # noqa: DJ007 - as above

    def clean(self):
        cleaned = super().clean()
        if not self.instance.pk or not set(self.BASELINE_FIELDS) & set(self.changed_data):
            return cleaned
        stored = Result.all_objects.get(pk=self.instance.pk)
        if stored.is_baseline() and not (cleaned.get("reason") or "").strip():
            self.add_error("reason", _("这是下一年目标的基数，修改须填写修改理由。"))
        return cleaned


@admin.register(Indicator)
class IndicatorAdmin(ExcelMixin, ArchiveAdmin):
    form = IndicatorAdminForm

    def get_resource_classes(self, request):
        from targets.admin.excel import IndicatorResource

        return [IndicatorResource]

    list_display = ["name", "code", "unit", "measure", "direction", "office", "leader"]
    list_filter = ["office", "measure", "direction"]
    list_editable = ["office"]
    search_fields = ["name", "code"]
    filter_horizontal = ["partner_offices"]
    list_select_related = ["office", "leader"]


@admin.register(Section)
class SectionAdmin(AuditedAdmin):
    list_display = ["title", "year", "part", "number"]
    list_filter = ["year", "part"]


@admin.register(Result)
class ResultAdmin(ArchiveAdmin):
    form = ResultAdminForm
    list_display = ["name", "year", "section", "qualifier", "value", "unit", "indicator"]
    list_filter = ["year", "section"]
    search_fields = ["name", "quote"]
    list_select_related = ["section", "indicator"]

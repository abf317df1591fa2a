"""Indicators and targets to and from Excel in the admin, for towns that keep their targets in a spreadsheet.

django-import-export gives the admin its 导入 / 导出 buttons, the preview of every row (new, changed, unchanged,
with its differences) and the confirmation step; these resources say what the columns are (Chinese headers,
choices written as the admin reads them: 累计量, 确保, 是/否) and how a cell is read, with a Chinese message per
bad cell. An import with any bad row offers no confirmation, and the whole import runs in one transaction
(``IMPORT_EXPORT_USE_TRANSACTIONS``): nothing is half-imported.

A target is found by its indicator's code and its year. Each change of a target the import makes is kept as the
admin's own edits are: one ``TargetRevision`` per changed field (who, old → new), with the reason 从Excel导入;
a new target gets one 新建 revision. Every row written (indicator or target) is also in the admin's log
(``AdminChange``: 新增, or 修改 per changed field), as an edit through the admin page would be.
"""

from datetime import date, datetime
from decimal import Decimal, InvalidOperation

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from import_export import fields, resources, widgets

from targets.admin.audit import record, shown
from targets.admin.catalogue import TRACKED_FIELDS, display
from targets.models import AdminChange, Indicator, Office, Section, Target, TargetRevision

IMPORT_REASON = "从Excel导入"


class ChoiceWidget(widgets.Widget):
    """A closed vocabulary written as its label (累计量); the stored code (amount) is accepted too."""

    def __init__(self, choices, label, blank=False, **kwargs):
        self.choices, self.label, self.blank = list(choices), label, blank
        super().__init__(**kwargs)

    def clean(self, value, row=None, **kwargs):
        text = "" if value is None else str(value).strip()
        for code, name in self.choices:
            if text in {str(code), str(name)}:
                return code
        if not text and self.blank:
            return ""
        allowed = "、".join(str(name) for code, name in self.choices if code != "")
        raise ValueError(
            _("%(label)s“%(value)s”不是可选值，可选：%(allowed)s。")
            % {"label": self.label, "value": text[:30], "allowed": allowed}
        )

    def render(self, value, obj=None, **kwargs):
        return str(dict(self.choices).get(value, value or ""))


class AmountWidget(widgets.Widget):
    """An exact decimal (never a float's approximation); empty is none."""

    def __init__(self, label, **kwargs):
        self.label = label
        super().__init__(**kwargs)

    def clean(self, value, row=None, **kwargs):
        text = "" if value is None else str(value).strip().replace(",", "")
        if not text:
            return None
        try:
            number = Decimal(text)
        except InvalidOperation:
            number = None
        if number is None or not number.is_finite() or number < 0 or abs(number) >= Decimal(10) ** 14:
            raise ValueError(
                _("%(label)s“%(value)s”不是有效的非负数字。") % {"label": self.label, "value": text[:30]}
            )
        return number

    def render(self, value, obj=None, **kwargs):
        return "" if value is None else f"{value.normalize():f}"


class YearWidget(widgets.Widget):
    def clean(self, value, row=None, **kwargs):
        from targets import years

        try:
            return years.parse_year(_whole(value), _("年度"))
        except years.YearError as error:
            raise ValueError(str(error)) from error

    def render(self, value, obj=None, **kwargs):
        return "" if value is None else str(value)


class DateWidget(widgets.Widget):
    def clean(self, value, row=None, **kwargs):
        if value in (None, ""):
            return None
        if isinstance(value, datetime):
            return value.date()
        if isinstance(value, date):
            return value
        text = str(value).strip()
        try:
            return date.fromisoformat(text)
        except ValueError as error:
            raise ValueError(
                _("截止日期“%(value)s”须为 年-月-日，如 2024-03-31。") % {"value": text[:30]}
            ) from error

    def render(self, value, obj=None, **kwargs):
        return value.isoformat() if value else ""


class OrderWidget(widgets.Widget):
    """排序: a whole number, 0 when empty."""

    def clean(self, value, row=None, **kwargs):
        text = _whole(value)
        if not text:
            return 0
        if not text.isdigit():
            raise ValueError(_("排序“%(value)s”须为非负整数。") % {"value": text[:20]})
        return int(text)

    def render(self, value, obj=None, **kwargs):
        return "" if value is None else str(value)


class YesNoWidget(widgets.Widget):
    def clean(self, value, row=None, **kwargs):
        text = "" if value is None else str(value).strip()
        if text in {"是", "1", "True", "TRUE", "true"}:
            return True
        if text in {"", "否", "0", "False", "FALSE", "false"}:
            return False
        raise ValueError(_("“%(value)s”须为“是”或“否”。") % {"value": text[:30]})

    def render(self, value, obj=None, **kwargs):
        return _("是") if value else _("否")


class NamedWidget(widgets.ForeignKeyWidget):
    """A related row named by a field (an office by its name, an indicator by its code); an unknown name is an
    error in Chinese, not a silent blank."""

    def __init__(self, model, field, label, **kwargs):
        self.label = label
        super().__init__(model, field=field, **kwargs)

    def clean(self, value, row=None, **kwargs):
        text = "" if value is None else str(value).strip()
        if not text:
            return None
        found = self.get_queryset(text, row, **kwargs).filter(**{self.field: text}).first()
        if found is None:
            raise ValueError(_("没有%(label)s“%(value)s”。") % {"label": self.label, "value": text[:60]})
        return found


class RequiredNamedWidget(NamedWidget):
    def clean(self, value, row=None, **kwargs):
        found = super().clean(value, row, **kwargs)
        if found is None:
            raise ValueError(_("%(label)s不能为空。") % {"label": self.label})
        return found


class OfficesWidget(widgets.ManyToManyWidget):
    """配合单位: office names separated by 、 (or a comma); each must exist."""

    def __init__(self, **kwargs):
        super().__init__(Office, separator="、", field="name", **kwargs)

    def clean(self, value, row=None, **kwargs):
        text = "" if value is None else str(value)
        names = [
            name.strip() for name in text.replace("，", "、").replace(",", "、").split("、") if name.strip()
        ]
        offices = {office.name: office for office in Office.objects.filter(name__in=names)}
        unknown = [name for name in names if name not in offices]
        if unknown:
            raise ValueError(_("没有配合单位“%(names)s”。") % {"names": "、".join(unknown)[:80]})
        return [offices[name] for name in names]


class TextWidget(widgets.Widget):
    def __init__(self, label, required=False, **kwargs):
        self.label, self.required = label, required
        super().__init__(**kwargs)

    def clean(self, value, row=None, **kwargs):
        text = "" if value is None else str(value).strip()
        if text.endswith(".0") and isinstance(value, float):
            text = text[:-2]
        if self.required and not text:
            raise ValueError(_("%(label)s不能为空。") % {"label": self.label})
        return text

    def render(self, value, obj=None, **kwargs):
        return value or ""


def _whole(value) -> str:
    """A cell read as a whole number's text (Excel hands 1 back as 1.0)."""
    text = "" if value is None else str(value).strip()
    return text[:-2] if text.endswith(".0") else text


class SectionWidget(widgets.Widget):
    """章节 by its number in the row's year's plan: 0 主要预期目标, 1 (一)…"""

    def clean(self, value, row=None, **kwargs):
        text, year = _whole(value), _whole((row or {}).get("年度"))
        if not text.isdigit():
            raise ValueError(
                _("章节序号“%(value)s”须为数字（0 为主要预期目标，1 起为（一）（二）……）。")
                % {"value": text[:20]}
            )
        section = None
        if year.isdigit():
            section = Section.objects.filter(year=int(year), part=Section.Part.PLAN, number=int(text)).first()
        if section is None:
            raise ValueError(
                _("%(year)s年没有序号为 %(number)s 的章节；请先在管理后台建立章节或开始新年度。")
                % {"year": year[:10], "number": text}
            )
        return section

    def render(self, value, obj=None, **kwargs):
        return "" if value is None else str(value.number)


class RowResource(resources.ModelResource):
    """A row whose key cells are bad finds no existing row; its fields then say what is wrong, each as a message
    on the row in the preview, instead of one error that hides the other rows' messages."""

    def get_instance(self, instance_loader, row):
        try:
            return super().get_instance(instance_loader, row)
        except ValueError:
            return None

    def get_queryset(self):
        # Archived rows too: an archived row still holds its code (or indicator and year), so a row of the file
        # naming it must find it and be refused, not be created again and fail on the unique key.
        return self._meta.model.all_objects.all()

    def before_save_instance(self, instance, row, **kwargs):
        if getattr(instance, "archived", False):
            raise ValidationError(
                _("“%(name)s”已归档，不能从Excel导入修改；请先在管理后台取消归档。") % {"name": instance}
            )

    # --- 全程留痕: each row the import writes is kept in the admin's log, as an edit in the admin would be ---

    def _audited_fields(self):
        names = [
            field.attribute for field in self.get_import_fields() if field.attribute and not field.readonly
        ]
        return [self._meta.model._meta.get_field(name) for name in names if "__" not in name]

    def after_init_instance(self, instance, new, row, **kwargs):
        instance._audit_before = (
            None if new else {field.name: shown(instance, field) for field in self._audited_fields()}
        )

    def save_m2m(self, instance, row, **kwargs):
        super().save_m2m(instance, row, **kwargs)  # after it, so that 配合单位 are logged as saved
        actor = kwargs.get("user")
        before = getattr(instance, "_audit_before", None)
        if before is None:
            changes = [
                record(actor, instance, AdminChange.Action.ADD, new=str(instance), reason=IMPORT_REASON)
            ]
        else:
            changes = [
                record(
                    actor, instance, AdminChange.Action.CHANGE, field.verbose_name, old, new, IMPORT_REASON
                )
                for field in self._audited_fields()
                if (old := before[field.name]) != (new := shown(instance, field))
            ]
        AdminChange.objects.bulk_create(changes)


class IndicatorResource(RowResource):
    code = fields.Field("code", column_name="代码", widget=TextWidget("代码", required=True))
    name = fields.Field("name", column_name="名称", widget=TextWidget("名称", required=True))
    unit = fields.Field("unit", column_name="单位", widget=TextWidget("单位", required=True))
    measure = fields.Field(
        "measure", column_name="月度数值含义", widget=ChoiceWidget(Indicator.Measure.choices, "月度数值含义")
    )
    direction = fields.Field(
        "direction", column_name="方向", widget=ChoiceWidget(Indicator.Direction.choices, "方向")
    )
    office = fields.Field("office", column_name="牵头单位", widget=NamedWidget(Office, "name", "牵头单位"))
    partner_offices = fields.Field("partner_offices", column_name="配合单位", widget=OfficesWidget())
    leader = fields.Field(
        "leader", column_name="分管领导（用户名）", widget=NamedWidget(get_user_model(), "username", "用户")
    )
    description = fields.Field("description", column_name="说明", widget=TextWidget("说明"))

    class Meta:
        model = Indicator
        import_id_fields = ["code"]
        fields = [
            "code",
            "name",
            "unit",
            "measure",
            "direction",
            "office",
            "partner_offices",
            "leader",
            "description",
        ]
        skip_unchanged = True
        report_skipped = True
        clean_model_instances = True


class TargetResource(RowResource):
    indicator = fields.Field(
        "indicator", column_name="指标代码", widget=RequiredNamedWidget(Indicator, "code", "指标代码")
    )
    indicator_name = fields.Field(
        attribute="indicator__name", column_name="指标名称（仅供参考）", readonly=True
    )
    year = fields.Field("year", column_name="年度", widget=YearWidget())
    section = fields.Field("section", column_name="章节序号", widget=SectionWidget())
    kind = fields.Field("kind", column_name="类型", widget=ChoiceWidget(Target.Kind.choices, "类型"))
    headline = fields.Field("headline", column_name="主要预期目标", widget=YesNoWidget())
    order = fields.Field("order", column_name="排序", widget=OrderWidget())
    firmness = fields.Field(
        "firmness", column_name="表述", widget=ChoiceWidget(Target.Firmness.choices, "表述", blank=True)
    )
    qualifier = fields.Field("qualifier", column_name="限定词", widget=TextWidget("限定词"))
    value = fields.Field("value", column_name="目标值", widget=AmountWidget("目标值"))
    unit = fields.Field("unit", column_name="目标单位", widget=TextWidget("目标单位"))
    deadline = fields.Field("deadline", column_name="截止日期", widget=DateWidget())
    period = fields.Field(
        "period", column_name="周期", widget=ChoiceWidget(Target.Period.choices, "周期", blank=True)
    )
    quote = fields.Field("quote", column_name="报告原文", widget=TextWidget("报告原文"))

    class Meta:
        model = Target
        import_id_fields = ["indicator", "year"]
        fields = [
            "indicator",
            "indicator_name",
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
            "quote",
        ]
        skip_unchanged = True
        report_skipped = True
        clean_model_instances = True

    def get_queryset(self):
        return super().get_queryset().select_related("indicator", "section")

    def before_save_instance(self, instance, row, **kwargs):
        super().before_save_instance(instance, row, **kwargs)
        if instance.carried_from_id and instance.quote.strip():
            instance.carried_from = (
                None  # the file states this year's target: no longer a carried placeholder
            )

    def after_init_instance(self, instance, new, row, **kwargs):
        super().after_init_instance(instance, new, row, **kwargs)
        instance._before = None if new else {name: getattr(instance, name) for name in TRACKED_FIELDS}

    def after_save_instance(self, instance, row, **kwargs):
        user = kwargs.get("user")
        user = user if getattr(user, "is_authenticated", False) else None
        before = getattr(instance, "_before", None)
        if before is None:
            TargetRevision.objects.create(
                target=instance,
                changed_by=user,
                field=_("新建"),
                new_value=display(instance.value),
                reason=IMPORT_REASON,
            )
            return
        TargetRevision.objects.bulk_create(
            TargetRevision(
                target=instance,
                changed_by=user,
                field=str(Target._meta.get_field(name).verbose_name),
                old_value=display(before[name]),
                new_value=display(getattr(instance, name)),
                reason=IMPORT_REASON,
            )
            for name in TRACKED_FIELDS
            if before[name] != getattr(instance, name)
        )

"""The forms of 读取工作报告: the upload, and one row per proposed target or result in the preview."""

from datetime import date

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Max
from django.forms import formset_factory
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from targets.models import Indicator, Target
from targets.reader import MAX_BYTES, ReaderError, ReportFileError, read, report_text
from targets.report_import import KEEP, REPLACE

NEW = "new"


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
FIRMNESS_CHOICES = [("", gettext_lazy("无"))] + [
    (value, label) for value, label in Target.Firmness.choices if value
]
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
        label=gettext_lazy("截止日期"),
        required=False,
        widget=forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"}),
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
        if kind == Target.Kind.DEADLINE and not deadline:
            self.add_error("deadline", _("限期完成的目标须填写截止日期。"))
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
        self.fields["baseline_of"].choices = [("", gettext_lazy("不作为基数"))] + list(target_choices)

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

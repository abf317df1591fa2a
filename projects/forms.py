"""The register's forms. Rules shared with the admin and imports live on the models; these add what only a
person at a form needs: choices limited to the user's office, the 倒排 helper, uploads, stale-edit checks."""

from datetime import timedelta

from django import forms
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from projects.models import LogEntry, Milestone, Project, ProjectStatus, StageEvent
from projects.services import PROJECT_FIELDS
from projects.uploads import ACCEPT, check_upload
from targets import roles
from targets.models import Office
from targets.people import person_name


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%d")


class ProjectForm(forms.ModelForm):
    # The project's ``updated_at`` when the form was loaded: a save over someone else's newer save is refused,
    # keeping what this user typed on the page.
    loaded_at = forms.CharField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Project
        fields = PROJECT_FIELDS
        widgets = {"deadline": DateInput(), "description": forms.Textarea(attrs={"rows": 4})}
        error_messages = {
            "investment": {
                "invalid": _("投资额须为数字，例如 5 或 0.8（单位另选）。"),
                "min_value": _("投资额不能为负数。"),
            },
            "year": {"invalid": _("年度须为四位数字，例如 2023。")},
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["responsible"].queryset = (
            get_user_model().objects.filter(is_active=True).order_by("username")
        )
        self.fields["responsible"].label_from_instance = person_name
        self.fields["investment"].widget.attrs.update({"inputmode": "decimal", "step": "any"})
        if not roles.is_admin(user):
            # Staff create and keep projects for their own office only.
            office = roles.office_of(user)
            self.fields["office"].queryset = Office.objects.filter(pk=office.pk if office else None)
            self.fields["office"].initial = office
            self.fields["office"].disabled = True
            self.fields["office"].required = True
            # …and choose the person responsible among their office's members.
            self.fields["responsible"].queryset = self.fields["responsible"].queryset.filter(
                profile__office=office
            )
        if self.instance.pk:
            self.fields["loaded_at"].initial = self.instance.updated_at.isoformat()

    def clean_investment(self):
        investment = self.cleaned_data.get("investment")
        if investment is not None and investment < 0:
            raise ValidationError(_("投资额不能为负数。"))
        return investment

    def clean(self):
        cleaned = super().clean()
        if self.instance.pk:
            current = Project.objects.filter(pk=self.instance.pk).values_list("updated_at", flat=True).first()
            if current and cleaned.get("loaded_at") != current.isoformat():
                raise ValidationError(
                    _(
                        "在您编辑期间，该项目已被他人修改。您填写的内容仍在下方；请打开新窗口查看最新内容后再保存。"
                    )
                )
        return cleaned


class StageForm(forms.Form):
    stage = forms.ChoiceField(label=_("阶段"))
    reached_on = forms.DateField(label=_("日期"), widget=DateInput())

    def __init__(self, *args, project, **kwargs):
        super().__init__(*args, **kwargs)
        self.project = project
        labels = dict(Project.Stage.choices)
        self.fields["stage"].choices = [(stage.value, labels[stage.value]) for stage in project.stages]

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("stage") and cleaned.get("reached_on"):
            StageEvent(project=self.project, stage=cleaned["stage"], reached_on=cleaned["reached_on"]).clean()
        return cleaned


# 倒排 at most ten years before the deadline: a bigger number is a typo (and past ``date``'s range a crash).
MAX_DAYS_BEFORE = 3650


class MilestoneForm(forms.ModelForm):
    days_before_deadline = forms.IntegerField(
        label=_("或：完成时限前几天"),
        required=False,
        min_value=0,
        max_value=MAX_DAYS_BEFORE,
        help_text=_("倒排时间节点：不填计划日期时，按完成时限往前推算"),
    )

    class Meta:
        model = Milestone
        fields = ["name", "planned_on", "days_before_deadline", "actual_on", "note"]
        widgets = {
            "planned_on": DateInput(),
            "actual_on": DateInput(),
            "note": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, project, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.project = project
        self.fields["planned_on"].required = False

    def clean(self):
        cleaned = super().clean()
        days = cleaned.get("days_before_deadline")
        if not cleaned.get("planned_on") and "planned_on" not in self.errors:
            deadline = self.instance.project.deadline
            if days is None:
                self.add_error("planned_on", _("请填写计划完成日期，或填写完成时限前几天。"))
            elif deadline is None:
                self.add_error(
                    "days_before_deadline", _("项目还没有完成时限，无法倒排，请直接填写计划完成日期。")
                )
            else:
                cleaned["planned_on"] = deadline - timedelta(days=days)
                self.instance.planned_on = cleaned["planned_on"]
        return cleaned


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": ACCEPT}))
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(item, initial) for item in data]
        return [single(data, initial)] if data else []


class LogEntryForm(forms.ModelForm):
    files = MultipleFileField(
        label=_("照片或文档"), required=False, help_text=_("JPG、PNG、PDF、Word、Excel 等，每个不超过 10 MB")
    )

    class Meta:
        model = LogEntry
        fields = ["week_of", "progress", "problems", "coordination", "who_must_act"]
        widgets = {
            "week_of": DateInput(),
            "progress": forms.Textarea(attrs={"rows": 3}),
            "problems": forms.Textarea(attrs={"rows": 2}),
            "coordination": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, project, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.project = project

    def clean_files(self):
        checked = []
        errors = []
        for upload in self.cleaned_data.get("files") or []:
            try:
                kind, content_type = check_upload(upload)
            except ValidationError as error:
                errors.extend(error.messages)
            else:
                checked.append((upload, kind, content_type))
        if errors:
            raise ValidationError(errors)
        return checked


class CommentForm(forms.Form):
    text = forms.CharField(label=_("批示"), widget=forms.Textarea(attrs={"rows": 2}), max_length=2000)


class ProjectFilterForm(forms.Form):
    """The filters of the list and the wall chart; every field optional."""

    category = forms.ChoiceField(label=_("分类"), required=False)
    office = forms.ModelChoiceField(label=_("责任单位"), queryset=Office.objects.all(), required=False)
    status = forms.ChoiceField(label=_("状态"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"].choices = [("", _("全部"))] + list(Project.Category.choices)
        self.fields["status"].choices = [("", _("全部"))] + list(ProjectStatus.choices)
        self.fields["office"].empty_label = _("全部")

    def filter(self, projects):
        """``projects`` (annotated ``with_status``) narrowed to the valid filters chosen."""
        if not self.is_valid():
            return projects
        data = self.cleaned_data
        if data.get("category"):
            projects = projects.filter(category=data["category"])
        if data.get("office"):
            projects = projects.filter(office=data["office"])
        if data.get("status"):
            projects = projects.filter(status=data["status"])
        return projects

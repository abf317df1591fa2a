"""Forms of the targets app: the monthly entry form, the workflow's comment forms, the Excel upload."""

from django import forms
from django.utils.translation import gettext_lazy as _

from targets.entry import loaded
from targets.entry.checks import Entry
from targets.filters import MONTH_CHOICES


def small_int(text) -> int | None:
    """A non-negative whole number of at most 9 digits from a query or form field, else ``None``.

    Guards every hand-made number of a request: ``int()`` of other text would raise (``²``, ``abc``) or refuse
    thousands of digits, and either would be a 500.
    """
    text = (text or "").strip()
    return int(text) if text.isdecimal() and len(text) <= 9 else None


class MonthForm:
    """The month's form: per indicator ``value_<id>``, ``note_<id>``, ``reason_<id>``, ``measures_<id>``,
    ``confirm_<id>``, and the hidden ``loaded_<id>`` (a signed token of the row as its editor loaded it, see
    ``targets.entry.loaded``); for the month ``version`` (the ``OfficeMonth.version`` loaded) and ``action``
    (save or submit).

    Only indicators named in the POST are read, whichever office owns them: ``save_month`` refuses an
    indicator of another office, so a forged id is answered with 403 and nothing saved. A missing or altered
    token leaves the row's loaded content unknown (``save_month`` then trusts nothing it did not see).
    """

    ACTIONS = {"save", "submit"}

    def __init__(self, data, *, office_id: int, year: int, month: int):
        self.data = data
        self.scope = (office_id, year, month)

    def indicator_ids(self) -> list[int]:
        ids = []
        for key in self.data:
            prefix, _sep, rest = key.partition("_")
            pk = small_int(rest) if prefix == "value" else None
            if pk is not None and pk not in ids:
                ids.append(pk)
        return ids

    def entries(self) -> list[Entry]:
        return [self.entry(pk) for pk in self.indicator_ids()]

    def entry(self, pk: int) -> Entry:
        get = self.data.get
        return Entry(
            indicator_id=pk,
            text=get(f"value_{pk}", ""),
            note=self._text(f"note_{pk}"),
            reason=self._text(f"reason_{pk}"),
            measures=self._text(f"measures_{pk}"),
            confirm=get(f"confirm_{pk}") in {"on", "1", "true"},
            loaded=loaded.unsign(get(f"loaded_{pk}"), *self.scope, pk),
        )

    def _text(self, key):
        """A text field's value; ``None`` when the POST lacks it, so the stored text is kept."""
        value = self.data.get(key)
        return None if value is None else value.strip()

    @property
    def expected_version(self) -> int | None:
        """The month's version the form was loaded at; a form without one is treated as stale (version -1)."""
        version = small_int(self.data.get("version"))
        return -1 if version is None else version

    @property
    def action(self) -> str:
        action = self.data.get("action", "save")
        return action if action in self.ACTIONS else "save"


class MonthChooserForm(forms.Form):
    year = forms.TypedChoiceField(label=_("年度"), coerce=int)
    month = forms.TypedChoiceField(label=_("月份"), coerce=int, choices=MONTH_CHOICES)

    def __init__(self, *args, years=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [(year, _("%(year)s年") % {"year": year}) for year in years]


class CommentForm(forms.Form):
    """An approval comment (optional) or a return comment (required)."""

    comment = forms.CharField(
        label=_("意见"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )


class ReasonForm(forms.Form):
    """An admin's reason for reopening a month or restoring a value; always required and logged."""

    reason = forms.CharField(label=_("理由"), max_length=2000)


class ImportForm(forms.Form):
    file = forms.FileField(label=_("填好的 Excel 文件（.xlsx）"))

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith(".xlsx"):
            raise forms.ValidationError(_("请上传 .xlsx 格式的 Excel 文件（可先下载本月模板）。"))
        if upload.size > 5 * 1024 * 1024:
            raise forms.ValidationError(_("文件不能超过 5 MB。"))
        return upload

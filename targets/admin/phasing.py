"""The monthly plan (月度计划, phasing) in the admin: twelve labelled percentage inputs, all empty or adding up to 100.

Stored on ``Target.phasing`` as a list of 12 numbers (``None`` when the plan is linear, N/12), which is what the
progress engine reads; ``validate_phasing`` holds the rule once.
"""

from decimal import Decimal, InvalidOperation

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from targets.models.catalogue import validate_phasing

MONTHS = range(1, 13)


class PhasingWidget(forms.MultiWidget):
    template_name = "targets/widgets/phasing.html"

    class Media:
        css = {"all": ["css/admin-year.css"]}

    def __init__(self, attrs=None):
        inputs = [
            forms.NumberInput(attrs={"step": "0.01", "min": "0", "max": "100", "class": "phasing-month"})
            for _month in MONTHS
        ]
        super().__init__(inputs, attrs)

    def decompress(self, value):
        if not value or not isinstance(value, list) or len(value) != 12:
            return [None] * 12
        return [str(share) for share in value]

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        for month, subwidget in zip(MONTHS, context["widget"]["subwidgets"], strict=True):
            subwidget["month"] = month
        return context


class PhasingField(forms.MultiValueField):
    """Twelve optional shares; empty means 按序时 (linear). A partly filled plan or one not adding to 100 is refused."""

    widget = PhasingWidget

    def __init__(self, **kwargs):
        fields = [forms.CharField(required=False) for _month in MONTHS]
        super().__init__(fields=fields, require_all_fields=False, required=False, **kwargs)

    def compress(self, data_list):
        texts = [(text or "").strip() for text in (data_list or [])]
        if not any(texts):
            return None
        if not all(texts):
            raise ValidationError(_("月度计划须 12 个月全部填写（合计 100%），或全部留空按序时计算。"))
        shares = []
        for month, text in zip(MONTHS, texts, strict=True):
            try:
                share = Decimal(text)
            except InvalidOperation as error:
                raise ValidationError(
                    _("%(month)s月的占比“%(text)s”不是数字。") % {"month": month, "text": text[:20]}
                ) from error
            if not share.is_finite() or share < 0 or share > 100:
                raise ValidationError(_("%(month)s月的占比须在 0 到 100 之间。") % {"month": month})
            shares.append(share)
        total = sum(shares, Decimal(0))
        if total != 100:
            raise ValidationError(
                _("12 个月的占比合计须为 100%%，现为 %(total)s%%。") % {"total": f"{total.normalize():f}"}
            )
        plan = [int(share) if share == share.to_integral_value() else float(share) for share in shares]
        validate_phasing(plan)
        return plan

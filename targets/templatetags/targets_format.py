"""Template filters that show amounts the way the town writes them: 1.46亿元, 2500户, 54.8%."""

from decimal import Decimal

from django import template

from targets.people import person_name

register = template.Library()


@register.filter
def amount(value, places=None):
    """A decimal without trailing zeros (1.4600 → 1.46); with ``places``, rounded to that many decimals."""
    if value is None or value == "":
        return ""
    number = Decimal(value)
    if places is not None:
        number = number.quantize(Decimal(1).scaleb(-int(places)))
        return f"{number:f}"
    normalized = number.normalize()
    return f"{normalized:f}"


@register.filter
def target_text(target):
    """The target's value as the report writes it: 5%以上, 每季度1次 (``targets.progress.display``)."""
    from targets.progress import display

    return display.target_text(target)


@register.filter
def result_text(result):
    """A past year's result as the report writes it: 4000多万元, 1000余场, 超2316万元."""
    from targets.progress import display

    return display.written(result.value, result.unit, result.qualifier)


@register.filter
def person(user):
    """A person's 姓名 as an admin set it, else their login (``targets.people.person_name``)."""
    return person_name(user)

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
def person(user):
    """A person's 姓名 as an admin set it, else their login (``targets.people.person_name``)."""
    return person_name(user)

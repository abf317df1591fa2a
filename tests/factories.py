"""Small factories for test data. The report's fixtures are loaded only by tests about the report."""

import itertools
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from targets import roles
from targets.models import Indicator, Office, Profile, Section, Target

PASSWORD = "correct-horse-battery-staple-42"
_sequence = itertools.count(1)


def make_office(name=None):
    return Office.objects.create(name=name or f"测试科室{next(_sequence)}")


def make_user(role=None, office=None, username=None, password=PASSWORD, name=""):
    """A user in ``role`` (one of ``targets.roles.ROLES``, or None for no role) working for ``office``;
    ``name`` is the 姓名 an admin would write in 名字."""
    roles.ensure_groups()
    user = get_user_model().objects.create_user(
        username=username or f"user{next(_sequence)}",
        password=password,
        is_staff=role == roles.ADMIN,
        first_name=name,
    )
    if role:
        user.groups.add(Group.objects.get(name=role))
    Profile.objects.create(user=user, office=office)
    return user


def make_section(year=2023, number=0, title="主要预期目标", part=None):
    part = part or (Section.Part.PLAN if year >= 2023 else Section.Part.REVIEW)
    section, _created = Section.objects.get_or_create(
        year=year, part=part, number=number, defaults={"title": title}
    )
    return section


def make_indicator(name=None, unit="亿元", office=None, **fields):
    number = next(_sequence)
    return Indicator.objects.create(
        code=fields.pop("code", f"indicator-{number}"),
        name=name or f"测试指标{number}",
        unit=unit,
        office=office,
        **fields,
    )


def make_target(indicator=None, value="10", kind=Target.Kind.AMOUNT, year=2023, **fields):
    indicator = indicator or make_indicator(unit=fields.get("unit", "亿元"))
    fields.setdefault("unit", indicator.unit)
    fields.setdefault("quote", f"{indicator.name}{value}{indicator.unit}")
    fields.setdefault("section", make_section(year=year))
    return Target.objects.create(
        indicator=indicator, year=year, kind=kind, value=None if value is None else Decimal(value), **fields
    )


# --- projects (issue 6) ---


def make_project(name=None, office=None, **fields):
    from projects.models import Project

    fields.setdefault("kind", Project.Kind.INVESTMENT)
    fields.setdefault("category", Project.Category.INDUSTRIAL)
    fields.setdefault("year", 2023)
    return Project.objects.create(name=name or f"测试项目{next(_sequence)}", office=office, **fields)


def make_stage(project, stage, reached_on):
    from projects.models import StageEvent

    return StageEvent.objects.create(project=project, stage=stage, reached_on=reached_on)


def make_milestone(project, name=None, planned_on=None, actual_on=None):
    from projects.models import Milestone

    return Milestone.objects.create(
        project=project, name=name or f"节点{next(_sequence)}", planned_on=planned_on, actual_on=actual_on
    )


def tiny_png() -> bytes:
    """A valid 1×1 red PNG, built here so the upload tests need no image file or library."""
    import struct
    import zlib

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    pixels = zlib.compress(b"\x00\xff\x00\x00")
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")


def make_result(indicator, value="1", year=2022, **fields):
    """The report's result for ``indicator`` in ``year`` (the baseline of the next year's target)."""
    from targets.models import Result

    fields.setdefault("unit", indicator.unit)
    fields.setdefault("quote", f"{year}年{indicator.name}{value}{indicator.unit}")
    return Result.objects.create(
        indicator=indicator,
        year=year,
        section=fields.pop("section", make_section(year=year, number=1, title="工作回顾")),
        name=fields.pop("name", indicator.name),
        value=Decimal(value),
        **fields,
    )


def make_figure(indicator, month, value, year=2023, **fields):
    from targets.models import Figure

    return Figure.objects.create(indicator=indicator, year=year, month=month, value=Decimal(value), **fields)

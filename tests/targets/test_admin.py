"""管理员 edit targets in the admin: every change of a promise needs a reason and leaves a revision."""

from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction

from targets import roles
from targets.models import Section, Target, TargetRevision
from tests.factories import make_indicator, make_office, make_section, make_target, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client, admin_user, password):
    client.login(username=admin_user.username, password=password)
    return client


@pytest.fixture
def target():
    indicator = make_indicator(name="一般公共预算收入", unit="亿元", office=make_office("财政所"))
    return make_target(
        indicator=indicator,
        value="1.46",
        firmness=Target.Firmness.ENSURE,
        quote="一般公共预算收入确保1.46亿元",
        headline=True,
    )


def form_data(target, **changes):
    data = {
        "indicator": target.indicator_id,
        "year": target.year,
        "section": target.section_id,
        "kind": target.kind,
        "headline": "on" if target.headline else "",
        "order": target.order,
        "firmness": target.firmness,
        "qualifier": target.qualifier,
        "value": f"{target.value.normalize():f}" if target.value is not None else "",
        "unit": target.unit,
        "deadline": "",
        "period": target.period,
        "phasing": "null",
        "quote": target.quote,
        "reason": "",
        "revisions-TOTAL_FORMS": "0",
        "revisions-INITIAL_FORMS": "0",
        "revisions-MIN_NUM_FORMS": "0",
        "revisions-MAX_NUM_FORMS": "1000",
    }
    data.update(changes)
    return data


def change_url(target):
    return f"/admin/targets/target/{target.pk}/change/"


def test_admin_revises_a_target_with_a_reason_and_the_original_is_kept(admin_client, admin_user, target):
    response = admin_client.post(change_url(target), form_data(target, value="1.5", reason="县里下达新任务"))

    assert response.status_code == 302
    target.refresh_from_db()
    assert target.value == Decimal("1.5")
    assert target.original_value == Decimal("1.46")
    revision = TargetRevision.objects.get(target=target)
    assert (revision.old_value, revision.new_value, revision.reason) == ("1.46", "1.5", "县里下达新任务")
    assert revision.changed_by == admin_user

    page = admin_client.get(f"/targets/{target.pk}/").content.decode()
    assert "县里下达新任务" in page
    assert "报告原定目标：1.46亿元" in page


def test_a_changed_target_without_a_reason_is_refused_in_chinese(admin_client, target):
    response = admin_client.post(change_url(target), form_data(target, value="2"))

    assert response.status_code == 200
    assert "修改目标须填写修改理由。" in response.content.decode()
    target.refresh_from_db()
    assert target.value == Decimal("1.46")
    assert not TargetRevision.objects.exists()


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"value": "一点五"}, "输入一个数字。"),
        ({"value": "-1"}, "确保该值大于或等于0。"),
        ({"deadline": "2024-03-31"}, "截止日期必须在目标年度（2023年）之内。"),
    ],
)
def test_bad_target_values_get_a_chinese_message_and_nothing_is_saved(admin_client, target, changes, message):
    response = admin_client.post(change_url(target), form_data(target, reason="试图修改", **changes))

    assert response.status_code == 200
    assert message in response.content.decode()
    target.refresh_from_db()
    assert target.value == Decimal("1.46")
    assert target.deadline is None
    assert not TargetRevision.objects.exists()


def test_saving_an_unchanged_target_needs_no_reason_and_leaves_no_revision(admin_client, target):
    response = admin_client.post(change_url(target), form_data(target))

    assert response.status_code == 302
    assert not TargetRevision.objects.exists()


def test_admin_lists_searches_and_filters_targets_by_section_and_office(admin_client, target):
    other_section = make_section(number=2, title="（二）聚焦乡村振兴")
    make_target(indicator=make_indicator(name="疏浚河道"), value="10", section=other_section, unit="条")

    listing = admin_client.get("/admin/targets/target/").content.decode()
    assert "一般公共预算收入" in listing and "疏浚河道" in listing

    searched = admin_client.get("/admin/targets/target/", {"q": "预算"}).content.decode()
    assert "一般公共预算收入" in searched and "疏浚河道" not in searched

    by_section = admin_client.get("/admin/targets/target/", {"section__id__exact": other_section.pk})
    assert "疏浚河道" in by_section.content.decode()
    assert "一般公共预算收入" not in by_section.content.decode()

    by_office = admin_client.get(
        "/admin/targets/target/", {"indicator__office__id__exact": target.indicator.office_id}
    ).content.decode()
    assert "一般公共预算收入" in by_office and "疏浚河道" not in by_office


@pytest.mark.parametrize("role", [roles.STAFF, roles.LEADER])
def test_staff_and_leaders_cannot_change_a_target_by_posting_to_the_admin(client, password, target, role):
    user = make_user(role, office=target.indicator.office)
    client.login(username=user.username, password=password)

    response = client.post(change_url(target), form_data(target, value="9", reason="越权"))

    assert response.status_code == 403
    target.refresh_from_db()
    assert target.value == Decimal("1.46")


def test_admin_sets_the_office_of_a_user(admin_client):
    office = make_office("农业农村局")
    user = make_user(roles.STAFF)

    page = admin_client.get(f"/admin/auth/user/{user.pk}/change/")

    assert page.status_code == 200
    assert "所属科室/单位" in page.content.decode()
    assert office.name in page.content.decode()


def test_admin_revokes_an_api_token(admin_client, leader_user):
    from targets.models import ApiToken

    token, secret = ApiToken.issue(leader_user, "市统计平台")
    listing = admin_client.get("/admin/targets/apitoken/").content.decode()
    assert "市统计平台" in listing and secret not in listing

    response = admin_client.post(
        "/admin/targets/apitoken/",
        {
            "form-TOTAL_FORMS": "1",
            "form-INITIAL_FORMS": "1",
            "form-MIN_NUM_FORMS": "0",
            "form-MAX_NUM_FORMS": "1000",
            "form-0-id": str(token.pk),
            "_save": "保存",
        },
    )

    assert response.status_code == 302
    token.refresh_from_db()
    assert not token.is_active
    assert ApiToken.authenticate(secret) is None


def _phasing(*shares):
    return {f"phasing_{index}": share for index, share in enumerate(shares)}


def test_admin_gives_a_monthly_plan_as_twelve_labelled_shares(admin_client, target):
    page = admin_client.get(change_url(target)).content.decode()
    assert page.count('class="phasing-month"') == 12
    assert "12月" in page

    plan = ["5"] * 10 + ["25", "25"]
    response = admin_client.post(
        change_url(target), form_data(target, reason="年末集中入库", **_phasing(*plan))
    )

    assert response.status_code == 302
    target.refresh_from_db()
    assert target.phasing == [5] * 10 + [25, 25]


@pytest.mark.parametrize(
    ("shares", "message"),
    [
        (["10"] * 12, "12 个月的占比合计须为 100%，现为 120%。"),
        (["50", "50"] + [""] * 10, "月度计划须 12 个月全部填写"),
        (["x"] + ["10"] * 11, "1月的占比“x”不是数字。"),
    ],
)
def test_a_monthly_plan_that_does_not_add_up_is_refused(admin_client, target, shares, message):
    response = admin_client.post(change_url(target), form_data(target, reason="调整", **_phasing(*shares)))

    assert response.status_code == 200
    assert message in response.content.decode()
    target.refresh_from_db()
    assert target.phasing is None


def test_a_year_holds_plan_and_review_sections_with_the_same_numbers():
    plan = make_section(year=2023, number=1, title="（一）聚焦产业发展")
    review = make_section(year=2023, number=1, title="（一）经济发展", part=Section.Part.REVIEW)

    assert plan.pk != review.pk
    with pytest.raises(IntegrityError), transaction.atomic():
        Section.objects.create(year=2023, part=Section.Part.PLAN, number=1, title="重复")

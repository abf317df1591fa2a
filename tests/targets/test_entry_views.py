"""The monthly form and the status page through the Django test client, as each role."""

import re
from decimal import Decimal
from html.parser import HTMLParser
from types import SimpleNamespace

import pytest
from django.test import Client

from targets import roles
from targets.models import Figure, FigureChange, OfficeMonth
from tests.factories import PASSWORD, make_figure, make_indicator, make_target, make_user
from tests.targets.entry_setup import build_town

pytestmark = pytest.mark.django_db


@pytest.fixture
def town():
    return build_town()


def client_for(user):
    client = Client()
    client.login(username=user.username, password=PASSWORD)
    return client


def month_url(town, month=6, year=2023, office=None):
    return f"/targets/entry/{(office or town.office).pk}/{year}/{month}/"


def form_data(town, version=0, action="save", **values):
    data = {"version": str(version), "action": action}
    defaults = {"revenue": "0.8", "households": "1400", "share": "41"}
    defaults.update(values)
    for indicator in (town.revenue, town.households, town.share):
        data[f"value_{indicator.pk}"] = defaults[indicator.code]
        data[f"note_{indicator.pk}"] = ""
    return data


def test_staff_are_sent_to_their_offices_form_for_this_month(town):
    response = client_for(town.staff).get("/targets/entry/")
    assert response.status_code == 302
    assert response.url.startswith(f"/targets/entry/{town.office.pk}/")


def test_the_form_shows_every_indicator_with_target_baseline_and_neighbours(town):
    make_figure(town.revenue, 5, "0.7")
    make_figure(town.revenue, 6, "0.65", year=2022)
    content = client_for(town.staff).get(month_url(town)).content.decode()
    for text in ("一般公共预算收入", "新增市场主体", "高技术产业占比", "1.46亿元", "1.22亿元", "0.7", "0.65"):
        assert text in content
    assert "高标准农田" not in content  # the other office's indicator
    assert 'name="version" value="0"' in content


def test_saving_the_form_stores_the_month_and_redirects(town):
    client = client_for(town.staff)
    response = client.post(month_url(town), form_data(town, revenue="８０００万"))
    assert response.status_code == 302
    assert Figure.objects.get(indicator=town.revenue).value == Decimal("0.8")
    assert "已保存 3 项" in client.get(response.url).content.decode()


def test_a_bad_value_keeps_everything_typed_and_explains_in_chinese(town):
    response = client_for(town.staff).post(
        month_url(town), form_data(town, revenue="abc", households="1,234", share="1e309")
    )
    content = response.content.decode()
    assert response.status_code == 200
    assert "未保存" in content and "不是数字" in content
    assert 'value="abc"' in content and 'value="1,234"' in content and 'value="1e309"' in content
    assert not Figure.objects.exists()


def test_html_in_a_note_is_shown_escaped(town):
    client = client_for(town.staff)
    data = form_data(town)
    data[f"note_{town.revenue.pk}"] = '<script>alert("x")</script>'
    client.post(month_url(town), data)
    content = client.get(month_url(town)).content.decode()
    assert "<script>alert" not in content
    assert "&lt;script&gt;alert" in content


def test_a_post_with_another_offices_indicator_is_forbidden_and_saves_nothing(town):
    data = form_data(town)
    data[f"value_{town.foreign.pk}"] = "5"
    response = client_for(town.staff).post(month_url(town), data)
    assert response.status_code == 403
    assert not Figure.objects.exists()


def test_staff_cannot_open_another_offices_month(town):
    client = client_for(town.other_staff)
    assert client.get(month_url(town)).status_code == 403
    assert client.post(month_url(town), form_data(town)).status_code == 403


def test_a_stale_form_is_not_applied_and_shows_old_their_and_new_values(town):
    client = client_for(town.staff)
    client.post(month_url(town), form_data(town))  # version 1
    client_for(town.admin).post(month_url(town), form_data(town, version=1, revenue="0.85"))  # version 2
    response = client.post(month_url(town), form_data(town, version=1, revenue="0.9"))
    content = response.content.decode()
    assert "在你打开之后已被别人修改" in content
    assert 'value="0.9"' in content  # what they typed is kept
    assert "0.85" in content and "admin-town" in content
    assert Figure.objects.get(indicator=town.revenue).value == Decimal("0.85")
    assert 'name="version" value="2"' in content  # saving again is a deliberate overwrite
    again = client.post(month_url(town), form_data(town, version=2, revenue="0.9"))
    assert again.status_code == 302
    assert Figure.objects.get(indicator=town.revenue).value == Decimal("0.9")


def test_a_form_without_a_version_is_treated_as_stale(town):
    client = client_for(town.staff)
    client.post(month_url(town), form_data(town))
    data = form_data(town, revenue="0.9")
    del data["version"]
    assert "已被别人修改" in client.post(month_url(town), data).content.decode()


def test_a_future_month_and_another_year_are_refused(town):
    client = client_for(town.staff)
    response = client.post(month_url(town, year=2099, month=1), form_data(town))
    assert "只能填报" in response.content.decode()
    assert client.get(month_url(town, month=13)).status_code == 404
    assert not Figure.objects.exists()


def test_a_forged_approval_by_staff_is_forbidden(town):
    client = client_for(town.staff)
    client.post(month_url(town), form_data(town, action="submit"))
    response = client.post(month_url(town) + "approve/", {"comment": ""})
    assert response.status_code == 403
    assert OfficeMonth.objects.get().state == OfficeMonth.State.SUBMITTED


def test_a_leader_approves_and_staff_can_no_longer_change_the_month(town):
    staff = client_for(town.staff)
    staff.post(month_url(town), form_data(town, action="submit"))
    leader = client_for(town.leader)
    assert "审核通过" in leader.get(month_url(town)).content.decode()
    leader.post(month_url(town) + "approve/", {"comment": "同意"})
    assert OfficeMonth.objects.get().state == OfficeMonth.State.APPROVED
    page = staff.get(month_url(town)).content.decode()
    assert "已审核通过并锁定" in page and "保存草稿" not in page
    response = staff.post(month_url(town), form_data(town, version=3, revenue="0.9"))
    assert "已审核通过并锁定" in response.content.decode()
    assert Figure.objects.get(indicator=town.revenue).value == Decimal("0.8")


def test_leaders_cannot_reopen_and_admins_must_give_a_reason(town):
    client_for(town.staff).post(month_url(town), form_data(town, action="submit"))
    assert client_for(town.leader).post(month_url(town) + "reopen/", {"reason": "x"}).status_code == 403
    admin = client_for(town.admin)
    admin.post(month_url(town) + "reopen/", {"reason": ""})
    assert OfficeMonth.objects.get().state == OfficeMonth.State.SUBMITTED
    admin.post(month_url(town) + "reopen/", {"reason": "更正"})
    assert OfficeMonth.objects.get().state == OfficeMonth.State.DRAFT


def test_an_unknown_workflow_action_is_a_404(town):
    assert client_for(town.leader).post(month_url(town) + "delete/").status_code == 404


def test_the_history_shows_each_change_and_only_an_admin_restores(town):
    client = client_for(town.staff)
    client.post(month_url(town), form_data(town))
    client.post(month_url(town), form_data(town, version=1, revenue="0.95"))
    figure = Figure.objects.get(indicator=town.revenue)
    url = f"/targets/figures/{figure.pk}/history/"
    content = client.get(url).content.decode()
    assert "0.8 → 0.95" in content and "— → 0.8" in content
    first = figure.changes.order_by("id").first()
    assert client.post(url, {"change": first.pk, "reason": "x"}).status_code == 403
    assert client_for(town.other_staff).get(url).status_code == 403
    admin = client_for(town.admin)
    admin.post(url, {"change": first.pk, "reason": "误改"})
    figure.refresh_from_db()
    assert figure.value == Decimal("0.8")
    assert "恢复历史值" in admin.get(url).content.decode()


def test_the_status_page_shows_each_offices_state_for_leaders_only(town):
    client_for(town.staff).post(month_url(town), form_data(town, action="submit"))
    content = client_for(town.leader).get("/targets/entry/status/?year=2023").content.decode()
    assert "经济发展局" in content and "农业农村局" in content
    assert "已提交" in content and "逾期" in content  # 2023's other months are long past their deadline
    assert "未开始" in content
    assert client_for(town.staff).get("/targets/entry/status/").status_code == 403


def test_the_status_page_survives_a_bad_year(town):
    assert client_for(town.admin).get("/targets/entry/status/?year=abc").status_code == 200


@pytest.mark.parametrize("year", [1, 1999, 99999, 10**20])
def test_absurd_years_in_the_address_get_a_clear_answer_not_a_500(town, year):
    client = client_for(town.staff)
    response = client.get(month_url(town, year=year))
    assert response.status_code == 200 and "只能填报" in response.content.decode()
    assert client.post(month_url(town, year=year), form_data(town)).status_code == 200
    assert client.get(month_url(town, year=year) + "export.xlsx").status_code == 404
    assert not Figure.objects.exists()


def test_the_month_chooser_opens_the_chosen_month(town):
    client = client_for(town.staff)
    response = client.get("/targets/entry/?office=&year=2023&month=6")
    assert response.url == month_url(town)
    response = client.get("/targets/entry/?year=abc&month=6")
    assert response.status_code == 302  # back to this month, with a message


def test_a_leader_opens_any_offices_month_from_the_chooser(town):
    response = client_for(town.leader).get(f"/targets/entry/?office={town.other_office.pk}&year=2023&month=6")
    assert response.url == month_url(town, office=town.other_office)
    assert client_for(town.staff).get(f"/targets/entry/?office={town.other_office.pk}").status_code == 403


def test_a_closed_period_refuses_staff_but_not_admins(town):
    from datetime import date

    from targets.models import Period

    Period.objects.create(year=2023, month=6, deadline=date(2023, 7, 10), is_open=False)
    content = client_for(town.staff).post(month_url(town), form_data(town)).content.decode()
    assert "已关闭填报" in content and "2023-07-10" in content
    assert not Figure.objects.exists()
    assert client_for(town.admin).post(month_url(town), form_data(town)).status_code == 302


def test_a_month_past_its_deadline_shows_late(town):
    content = client_for(town.staff).get(month_url(town)).content.decode()
    assert "逾期" in content and "2023-07-05" in content


def test_an_office_without_indicators_owes_nothing_and_is_never_late(town):
    from targets import roles
    from tests.factories import make_office, make_user

    office = make_office("党政办")
    clerk = make_user(roles.STAFF, office=office, username="staff-office")
    content = client_for(clerk).get(month_url(town, office=office)).content.decode()
    assert "本单位还没有负责的指标" in content
    assert "逾期" not in content and "2023-07-05" not in content


def _many_indicators(town, count):
    from targets.models import Target
    from tests.factories import make_indicator, make_target

    for number in range(count):
        indicator = make_indicator(f"指标{number}", unit="个", office=town.office, code=f"extra-{number}")
        make_target(indicator, value="10", kind=Target.Kind.COUNT)
        make_figure(indicator, 6, "5")
        make_figure(indicator, 5, "4")


def test_the_form_page_needs_as_many_queries_for_thirty_indicators_as_for_three(town):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = client_for(town.staff)
    client.post(month_url(town), form_data(town))
    with CaptureQueriesContext(connection) as few:
        assert client.get(month_url(town)).status_code == 200
    _many_indicators(town, 30)
    with CaptureQueriesContext(connection) as many:
        assert client.get(month_url(town)).status_code == 200
    assert len(many) == len(few)


def test_the_form_page_reads_the_database_at_most_fifteen_times(town):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = client_for(town.staff)
    client.post(month_url(town), form_data(town))
    with CaptureQueriesContext(connection) as queries:
        page = client.get(month_url(town))
    assert page.status_code == 200
    assert len(queries) <= 15, [query["sql"][:120] for query in queries.captured_queries]


def test_saving_thirty_indicators_takes_a_bounded_number_of_queries(town):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    _many_indicators(town, 30)
    data = form_data(town)
    for indicator in town.office.indicators.filter(code__startswith="extra-"):
        data[f"value_{indicator.pk}"] = "6"
        data[f"note_{indicator.pk}"] = ""
    client = client_for(town.staff)
    with CaptureQueriesContext(connection) as queries:
        assert client.post(month_url(town), data).status_code == 302
    # Each changed figure costs a write and a change record; the rest is fixed.
    assert len(queries) <= 2 * 33 + 25  # measured: 87


@pytest.mark.parametrize("junk", ["abc", "²", "9" * 5000, "-1", ""])
def test_hand_made_numbers_in_requests_never_cause_a_500(town, junk):
    staff, admin = client_for(town.staff), client_for(town.admin)
    assert staff.get(f"/targets/entry/?office={junk}&year={junk}&month={junk}").status_code == 302
    assert admin.get(f"/targets/entry/status/?year={junk}").status_code == 200
    data = form_data(town, version=junk)
    data[f"loaded_{town.revenue.pk}"] = junk  # an altered token: treated as unknown, never a 500
    data[f"value_{junk}"] = "1"
    assert staff.post(month_url(town), data).status_code in {
        200,
        302,
        400,
    }  # 400: Django refuses a 5000-char field name
    client_for(town.staff).post(month_url(town), form_data(town))
    figure = Figure.objects.get(indicator=town.revenue)
    response = admin.post(f"/targets/figures/{figure.pk}/history/", {"change": junk, "reason": "x"})
    assert response.status_code == 404
    assert staff.get(f"/targets/entry/{town.office.pk}/{junk or 0}/6/").status_code in {200, 404}


def test_a_returned_month_shows_the_leaders_comment_and_can_be_submitted_again(town):
    staff = client_for(town.staff)
    staff.post(month_url(town), form_data(town, action="submit"))
    client_for(town.leader).post(month_url(town) + "return/", {"comment": "户数<b>偏高</b>，请核实"})
    page = staff.get(month_url(town)).content.decode()
    assert "leader-town 退回了本月：户数&lt;b&gt;偏高&lt;/b&gt;，请核实" in page
    assert "保存并提交审核" in page
    response = staff.post(month_url(town), form_data(town, version=3, action="submit", households="1300"))
    assert response.status_code == 302
    assert OfficeMonth.objects.get().state == OfficeMonth.State.SUBMITTED


class FormReader(HTMLParser):
    """The fields a browser would send from the month's form, as the page was served."""

    def __init__(self):
        super().__init__()
        self.fields, self.inside = {}, False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and attrs.get("id") == "month-form":
            self.inside = True
        elif (
            tag == "input"
            and self.inside
            and attrs.get("name")
            and "disabled" not in attrs
            and (attrs.get("type") != "checkbox" or "checked" in attrs)
        ):
            self.fields[attrs["name"]] = attrs.get("value", "on")

    def handle_endtag(self, tag):
        if tag == "form":
            self.inside = False


def opened_form(client, url):
    reader = FormReader()
    reader.feed(client.get(url).content.decode())
    return reader.fields


@pytest.fixture
def finance(town):
    """The issue's 财政所 month: two staff, 一般公共预算收入 0.75 and 工业入库税金 stored for June."""
    tax = make_indicator("工业入库税金", unit="亿元", office=town.office, code="industrial-tax")
    make_target(tax, value="1.2")
    colleague = make_user(roles.STAFF, office=town.office, username="staff-a", name="王芳")
    town.staff.first_name = "李强"
    town.staff.save()
    client_for(town.staff).post(month_url(town), form_data(town, revenue="0.75"))
    return SimpleNamespace(tax=tax, a=client_for(colleague), b=client_for(town.staff), url=month_url(town))


def test_a_save_from_an_older_page_keeps_the_colleagues_figure_it_did_not_touch(town, finance):
    page_a, page_b = opened_form(finance.a, finance.url), opened_form(finance.b, finance.url)
    page_a[f"value_{town.revenue.pk}"] = "0.76"
    assert finance.a.post(finance.url, page_a).status_code == 302
    page_b[f"value_{finance.tax.pk}"] = "0.3"  # B changes only 工业入库税金
    response = finance.b.post(finance.url, page_b, follow=True)
    content = response.content.decode()
    assert "已被别人修改，你也改了" not in content  # no conflict box
    assert "别人修改了：一般公共预算收入" in content  # told that the colleague's figure was kept
    assert Figure.objects.get(indicator=town.revenue).value == Decimal("0.76")
    assert Figure.objects.get(indicator=finance.tax).value == Decimal("0.3")
    history = FigureChange.objects.filter(figure__indicator=town.revenue).values_list(
        "changed_by__username", "new_value"
    )
    assert list(history) == [
        ("staff-a", Decimal("0.76")),
        ("staff-econ", Decimal("0.75")),
    ]  # nothing by B since


def test_both_changing_a_row_shows_the_conflict_and_a_second_save_overwrites_it_knowingly(town, finance):
    page_a, page_b = opened_form(finance.a, finance.url), opened_form(finance.b, finance.url)
    page_a[f"value_{town.revenue.pk}"] = "0.76"
    page_a[f"value_{town.share.pk}"] = "42"  # only A
    finance.a.post(finance.url, page_a)
    page_b[f"value_{town.revenue.pk}"] = "0.8"
    page_b[f"value_{finance.tax.pk}"] = "0.3"  # only B
    response = finance.b.post(finance.url, page_b)
    content = response.content.decode()
    box = content[
        content.index("entry-conflict") : content.index("</section>", content.index("entry-conflict"))
    ]
    assert "一般公共预算收入" in box and "高技术产业占比" not in box and "工业入库税金" not in box
    assert re.search(r"<td>数值</td><td>0\.75</td><td>0\.8</td><td>0\.76</td><td>王芳</td><td>\d{4}-", box)
    assert Figure.objects.get(indicator=town.revenue).value == Decimal("0.76")
    assert not Figure.objects.filter(indicator=finance.tax).exists()  # nothing of B's month was saved
    again = FormReader()
    again.feed(content)
    assert again.fields[f"value_{town.share.pk}"] == "42"  # A's row shown as it is now
    assert again.fields[f"value_{town.revenue.pk}"] == "0.8"  # B's typed value kept
    assert finance.b.post(finance.url, again.fields).status_code == 302
    assert stored_values(town, finance) == {"revenue": "0.8", "share": "42", "industrial-tax": "0.3"}
    change = FigureChange.objects.filter(figure__indicator=town.revenue).first()
    assert (change.changed_by, change.old_value, change.new_value) == (
        town.staff,
        Decimal("0.76"),
        Decimal("0.8"),
    )


def test_an_altered_loaded_value_is_not_trusted(town, finance):
    page_a, page_b = opened_form(finance.a, finance.url), opened_form(finance.b, finance.url)
    page_a[f"value_{town.revenue.pk}"] = "0.76"
    finance.a.post(finance.url, page_a)
    page_b[f"value_{town.revenue.pk}"] = "0.8"
    page_b[f"loaded_{town.revenue.pk}"] = page_a[f"loaded_{town.revenue.pk}"] + "x"  # forged
    content = finance.b.post(finance.url, page_b).content.decode()
    assert "（未知）" in content  # shown as a conflict whose loaded value is unknown, not written
    assert Figure.objects.get(indicator=town.revenue).value == Decimal("0.76")


def stored_values(town, finance):
    codes = {"revenue", "share", "industrial-tax"}
    return {
        figure.indicator.code: f"{figure.value.normalize():f}"
        for figure in Figure.objects.filter(year=2023, month=6).select_related("indicator")
        if figure.indicator.code in codes
    }

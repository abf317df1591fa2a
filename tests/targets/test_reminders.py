"""``send_reminders`` over a simulated month, the channels (inbox, e-mail, SMS, group robots) and 催办 by hand.

June 2023 is due on 5 July (``ENTRY_DEADLINE_DAY``); January to May are approved, so June is the only month owed.
E-mail is captured by Django's test backend (``mail.outbox``); a local HTTP server stands in for the robots.
"""

import json
import subprocess
import sys
import threading
import time
from datetime import date
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from io import StringIO

import pytest
from django.conf import settings
from django.core import mail
from django.core.management import CommandError, call_command
from django.test import Client

from targets import roles
from targets.models import Chase, Delivery, Message, OfficeMonth, OfficeWebhook, Period, ReminderSettings
from targets.reminders import services
from targets.reminders.models import Channel, Rule
from tests.factories import PASSWORD, make_user
from tests.targets.entry_setup import build_town

pytestmark = pytest.mark.django_db


class Robot(BaseHTTPRequestHandler):
    """A group robot: /ok accepts, /broken answers 500, /slow answers after the client has given up,
    /refuse answers 200 with an errcode (as a robot with a wrong key does)."""

    received: list = []
    broken_ok = False  # flip to make /broken recover

    def do_POST(self):
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        Robot.received.append((self.path, body["text"]["content"]))
        if self.path == "/slow":
            time.sleep(1.0)
        if self.path == "/broken" and not Robot.broken_ok:
            self.send_response(500)
            self.end_headers()
            return
        answer = (
            {"errcode": 93000, "errmsg": "invalid webhook url"} if self.path == "/refuse" else {"errcode": 0}
        )
        data = json.dumps(answer).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args):
        pass


@pytest.fixture
def robot():
    Robot.received = []
    Robot.broken_ok = False
    server = ThreadingHTTPServer(("127.0.0.1", 0), Robot)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


@pytest.fixture(autouse=True)
def quick_robots(settings):
    settings.REMINDER_WEBHOOK_TIMEOUT = 0.3
    settings.REMINDER_WEBHOOK_RETRIES = 1
    settings.REMINDER_WEBHOOK_BACKOFF = 0
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"


@pytest.fixture
def town(robot):
    town = build_town()
    town.staff.email = "staff@zhengyu.example"
    town.staff.save()
    town.staff.profile.phone = "13800000000"
    town.staff.profile.save()
    town.second_staff = make_user(
        roles.STAFF, office=town.office, username="staff-econ-2"
    )  # no e-mail, no phone
    town.revenue.leader = town.leader
    town.revenue.save()
    town.leader.email = "leader@zhengyu.example"
    town.leader.save()
    for office in (town.office, town.other_office):
        for month in range(1, 6):
            OfficeMonth.objects.create(
                office=office, year=2023, month=month, state=OfficeMonth.State.APPROVED
            )
    OfficeWebhook.objects.create(office=town.office, url=f"{robot}/ok")
    OfficeWebhook.objects.create(office=town.other_office, url=f"{robot}/broken")
    return town


def run(day, *args):
    out = StringIO()
    call_command("send_reminders", "--date", day, *args, stdout=out)
    return out.getvalue()


def told(rule=None, day=None):
    """(recipient, office, rule) of each inbox message, sorted."""
    messages = Message.objects.all()
    if rule:
        messages = messages.filter(rule=rule)
    if day:
        messages = messages.filter(day=day)
    return sorted((m.recipient.username, m.office.name, m.rule) for m in messages)


def test_a_month_of_reminders_reaches_each_person_once_on_the_right_days(town, robot):
    run("2023-07-01")
    assert told() == []  # four days before the deadline: nothing yet

    run("2023-07-02")  # three days before: 临近提醒 to the staff of both offices
    assert told(day="2023-07-02") == [
        ("staff-econ", "经济发展局", "before"),
        ("staff-econ-2", "经济发展局", "before"),
        ("staff-farm", "农业农村局", "before"),
    ]
    assert [m.to for m in mail.outbox] == [["staff@zhengyu.example"]]  # the others have no address
    assert "还有 3 天截止" in mail.outbox[0].subject and "/targets/entry/" in mail.outbox[0].body
    assert [path for path, _text in Robot.received].count(
        "/ok"
    ) == 1  # one post to the group, not one per person

    run("2023-07-03")
    run("2023-07-04")
    assert Message.objects.filter(day__in=["2023-07-03", "2023-07-04"]).count() == 0

    run("2023-07-05")  # the deadline day
    assert told(day="2023-07-05") == [
        ("staff-econ", "经济发展局", "due"),
        ("staff-econ-2", "经济发展局", "due"),
        ("staff-farm", "农业农村局", "due"),
    ]

    run("2023-07-06")  # first day late: the staff only
    assert told(day="2023-07-06") == [
        ("staff-econ", "经济发展局", "overdue"),
        ("staff-econ-2", "经济发展局", "overdue"),
        ("staff-farm", "农业农村局", "overdue"),
    ]

    # The farm office submits; from the second day late the economy office's 分管领导 is told too.
    OfficeMonth.objects.create(
        office=town.other_office, year=2023, month=6, state=OfficeMonth.State.SUBMITTED
    )
    run("2023-07-07")
    assert told(day="2023-07-07") == [
        ("leader-town", "经济发展局", "escalate"),
        ("staff-econ", "经济发展局", "overdue"),
        ("staff-econ-2", "经济发展局", "overdue"),
    ]
    escalation = Message.objects.get(rule=Rule.ESCALATE)
    assert "逾期 2 天" in escalation.title and escalation.link == f"/targets/entry/{town.office.pk}/2023/6/"

    # Run again for the same day: nothing is sent twice, by any channel (only the farm robot's failures of
    # earlier days are tried again, as every run does).
    def sent():
        ok_posts = sum(1 for path, _text in Robot.received if path == "/ok")
        return Message.objects.count(), len(mail.outbox), ok_posts, Delivery.objects.count()

    before = sent()
    output = run("2023-07-07")
    assert sent() == before
    assert "新消息 0 条" in output and "今天已发过 3" in output

    # Each person got exactly one message per rule and day.
    per_person = Message.objects.filter(recipient=town.staff).values_list("rule", "day")
    assert len(per_person) == len(set(per_person)) == 4


def test_dry_run_prints_what_would_be_sent_and_sends_nothing(town, robot):
    output = run("2023-07-02", "--dry-run")
    assert "临近提醒\tstaff-econ\t" in output and "经济发展局群机器人" in output
    assert "将发送 5 条，未发送任何消息" in output  # three people and two group robots
    assert not Message.objects.exists() and not Delivery.objects.exists()
    assert mail.outbox == [] and Robot.received == []


def test_a_rule_switched_off_by_an_admin_sends_nothing_and_days_before_is_adjustable(town):
    config = ReminderSettings.current()
    config.days_before = 5
    config.due_enabled = False
    config.save()
    run("2023-07-02")
    assert told() == []
    run("2023-06-30")
    assert {rule for _who, _office, rule in told()} == {"before"}
    run("2023-07-05")
    assert not Message.objects.filter(rule=Rule.DUE).exists()


def test_a_closed_period_or_an_approved_month_is_not_chased(town):
    Period.objects.create(year=2023, month=6, deadline=date(2023, 7, 5), is_open=False)
    run("2023-07-06")
    assert told() == []


def test_robots_that_answer_500_time_out_or_refuse_are_logged_and_never_stop_the_others(town, robot):
    third = OfficeWebhook.objects.get(office=town.office)
    run("2023-07-02")
    failed = Delivery.objects.get(channel=Channel.WEBHOOK, office=town.other_office)
    assert failed.outcome == Delivery.Outcome.FAILED and "HTTP 500" in failed.error and failed.attempts == 1
    assert "共尝试 2 次" in failed.error  # one try and one retry inside the run
    assert Message.objects.filter(office=town.other_office).exists()  # the inbox went out regardless

    third.url = f"{robot}/slow"
    third.save()
    run("2023-07-05")
    slow = Delivery.objects.get(channel=Channel.WEBHOOK, office=town.office, day="2023-07-05")
    assert slow.outcome == Delivery.Outcome.FAILED and "超时" in slow.error
    assert len(mail.outbox) == 2  # the e-mail of that day went out all the same

    third.url = f"{robot}/refuse"
    third.save()
    run("2023-07-06")
    refused = Delivery.objects.get(channel=Channel.WEBHOOK, office=town.office, day="2023-07-06")
    assert refused.outcome == Delivery.Outcome.FAILED and "93000" in refused.error

    third.url = "not a url"
    third.save()
    run("2023-07-07")
    bad = Delivery.objects.get(channel=Channel.WEBHOOK, office=town.office, day="2023-07-07")
    assert bad.outcome == Delivery.Outcome.FAILED and "不是有效的网址" in bad.error


def test_a_failed_delivery_is_retried_by_the_next_run_until_it_goes(town, robot):
    run("2023-07-02")
    failed = Delivery.objects.get(channel=Channel.WEBHOOK, office=town.other_office, day="2023-07-02")
    assert failed.outcome == Delivery.Outcome.FAILED
    Robot.broken_ok = True
    output = run("2023-07-03")
    failed.refresh_from_db()
    assert failed.outcome == Delivery.Outcome.SENT and failed.attempts == 2 and failed.error == ""
    assert "重试 " in output and "重试 0" not in output
    run("2023-07-04")
    failed.refresh_from_db()
    assert failed.attempts == 2  # sent: never again


def test_an_email_server_that_refuses_is_logged_and_the_rest_goes_out(town, robot, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = (
        "127.0.0.1",
        9,
        1,
    )  # nothing listens there
    run("2023-07-02")
    email = Delivery.objects.get(channel=Channel.EMAIL, recipient=town.staff)
    assert email.outcome == Delivery.Outcome.FAILED and "邮件发送失败" in email.error
    sms = Delivery.objects.get(channel=Channel.SMS, recipient=town.staff)
    assert sms.outcome == Delivery.Outcome.SENT and sms.address == "13800000000"
    assert Delivery.objects.get(channel=Channel.WEBHOOK, office=town.office).outcome == Delivery.Outcome.SENT


def test_a_recipient_without_an_address_is_logged_as_not_sent(town):
    run("2023-07-02")
    skipped = Delivery.objects.filter(recipient=town.second_staff, outcome=Delivery.Outcome.SKIPPED)
    assert sorted(skipped.values_list("channel", "error")) == [
        ("email", "收件人没有填写邮箱地址"),
        ("sms", "收件人没有填写手机号"),
    ]
    assert Delivery.objects.get(recipient=town.second_staff, channel=Channel.INBOX).outcome == "sent"


class BrokenSms:
    def send(self, phone, text):
        raise ConnectionError("provider down")


def test_an_sms_provider_that_is_down_is_logged(town, settings):
    settings.SMS_BACKEND = "tests.targets.test_reminders.BrokenSms"
    run("2023-07-02")
    sms = Delivery.objects.get(channel=Channel.SMS, recipient=town.staff)
    assert sms.outcome == Delivery.Outcome.FAILED and "provider down" in sms.error
    assert len(mail.outbox) == 1


def test_after_approval_each_behind_ensure_target_is_told_to_its_leader_once(town):
    from targets.entry import workflow
    from targets.models import Target
    from tests.factories import make_figure

    revenue = Target.objects.get(indicator=town.revenue)
    revenue.firmness = Target.Firmness.ENSURE
    revenue.save()
    make_figure(town.revenue, 6, "0.3")  # 0.3 of 1.46 by June: far behind 序时 (50%)
    june = OfficeMonth.objects.create(
        office=town.office, year=2023, month=6, state=OfficeMonth.State.SUBMITTED
    )
    workflow.approve(june, town.leader)
    day = june.events.get().at.date().isoformat()
    run(day)
    warning = Message.objects.get(rule=Rule.WARNING)
    assert (
        warning.recipient == town.leader and "一般公共预算收入" in warning.body and "序时进度" in warning.body
    )
    run(day)
    run(date.fromordinal(date.fromisoformat(day).toordinal() + 1).isoformat())
    assert Message.objects.filter(rule=Rule.WARNING).count() == 1


@pytest.mark.parametrize("bad", ["2023-13-01", "tomorrow", "2023/07/05", "", "9999-01-01", "2023-02-30"])
def test_a_date_that_is_not_a_date_is_a_clear_error_with_exit_status_2(bad):
    with pytest.raises(CommandError) as raised:
        call_command("send_reminders", "--date", bad)
    assert raised.value.returncode == 2 and "--date" in str(raised.value)


def test_the_command_line_exits_with_status_2_on_a_bad_date():
    result = subprocess.run(
        [sys.executable, "manage.py", "send_reminders", "--date", "2023-07-32"],
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 2 and "不是有效日期" in result.stderr


# --- the inbox and 催办 by hand ---


def client_for(user):
    client = Client()
    client.login(username=user.username, password=PASSWORD)
    return client


def chase_url(town, month=6):
    return f"/targets/chase/{town.office.pk}/2023/{month}/"


@pytest.fixture
def july_10(monkeypatch):
    from targets.entry import rows

    monkeypatch.setattr(rows, "today", lambda: date(2023, 7, 10))
    monkeypatch.setattr(services, "today", lambda: date(2023, 7, 10))


def test_a_leader_chases_a_late_office_once_a_day_and_the_cell_says_so(town, robot, july_10):
    client = client_for(town.leader)
    status = client.get("/targets/entry/status/?year=2023").content.decode()
    assert f'action="{chase_url(town)}"' in status  # June is late
    assert f'action="{chase_url(town, 5)}"' not in status  # May is approved
    response = client.post(chase_url(town), {"note": "请今天下班前报送"}, follow=True)
    assert "已催办经济发展局 2023年6月，通知了 2 名填报员" in response.content.decode()
    messages = Message.objects.filter(rule=Rule.MANUAL)
    assert sorted(m.recipient.username for m in messages) == ["staff-econ", "staff-econ-2"]
    assert "请今天下班前报送" in messages[0].body and messages[0].sender == town.leader
    assert len(mail.outbox) == 1 and [p for p, _t in Robot.received] == ["/ok"]
    # Each of the two: inbox, e-mail, SMS (sent or logged as not sent); and one post to the group.
    assert Delivery.objects.filter(chase__isnull=False, sender=town.leader).count() == 7

    again = client.post(chase_url(town), {"note": ""}, follow=True).content.decode()
    assert "您今天已经催办过经济发展局 2023年6月" in again
    assert Chase.objects.count() == 1 and Message.objects.filter(rule=Rule.MANUAL).count() == 2
    assert "已催办（leader-town）" in again
    # Another leader may still chase the same month that day.
    other = make_user(roles.ADMIN, username="admin-2")
    assert client_for(other).post(chase_url(town)).status_code == 302
    assert Chase.objects.count() == 2


def test_a_chase_forged_by_staff_is_403_and_sends_nothing(town, july_10):
    response = client_for(town.staff).post(chase_url(town), {"note": "x"})
    assert response.status_code == 403
    assert not Chase.objects.exists() and not Message.objects.exists()
    assert "催办" not in client_for(town.staff).get("/targets/inbox/").content.decode().replace(
        "催办记录", ""
    )


def test_a_submitted_month_cannot_be_chased(town, july_10):
    OfficeMonth.objects.create(office=town.office, year=2023, month=6, state=OfficeMonth.State.SUBMITTED)
    response = client_for(town.leader).post(chase_url(town), follow=True)
    assert "没有逾期或缺报，无需催办" in response.content.decode()
    assert not Chase.objects.exists()


def test_staff_see_the_unread_count_read_a_message_and_land_on_the_month(town, july_10):
    services.chase(town.office, 2023, 6, town.leader, "请报送")
    client = client_for(town.staff)
    home = client.get("/").content.decode()
    assert 'class="badge nav-badge"' in home and ">1</span>" in home
    inbox = client.get("/targets/inbox/").content.decode()
    message = Message.objects.get(recipient=town.staff)
    assert message.title in inbox and "请报送" in inbox
    response = client.get(f"/targets/inbox/{message.pk}/")
    assert response.status_code == 302 and response.url == f"/targets/entry/{town.office.pk}/2023/6/"
    message.refresh_from_db()
    assert message.read_at is not None
    assert "nav-badge" not in client.get("/").content.decode()
    # Someone else's message is not theirs to open.
    assert client_for(town.second_staff).get(f"/targets/inbox/{message.pk}/").status_code == 404


def test_mark_all_read(town, july_10):
    services.chase(town.office, 2023, 6, town.leader)
    client = client_for(town.staff)
    assert client.post("/targets/inbox/read/").status_code == 302
    assert not Message.objects.filter(recipient=town.staff, read_at__isnull=True).exists()
    assert Message.objects.filter(recipient=town.second_staff, read_at__isnull=True).exists()


def test_the_robot_url_is_never_shown_back_in_the_admin(town, robot):
    client = client_for(town.admin)
    webhook = OfficeWebhook.objects.get(office=town.office)
    listing = client.get("/admin/targets/officewebhook/").content.decode()
    page = client.get(f"/admin/targets/officewebhook/{webhook.pk}/change/").content.decode()
    for content in (listing, page):
        assert "/ok" not in content and "127.0.0.1/…" in content
    # Saving without typing the URL again keeps it; a URL that is not one is refused.
    data = {"office": town.office.pk, "kind": "dingtalk", "url": "", "is_active": "on"}
    assert client.post(f"/admin/targets/officewebhook/{webhook.pk}/change/", data).status_code == 302
    webhook.refresh_from_db()
    assert webhook.url == f"{robot}/ok" and webhook.kind == "dingtalk"
    # A new URL is audited like every admin change, masked.
    new = {**data, "url": "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=SECRET123"}
    assert client.post(f"/admin/targets/officewebhook/{webhook.pk}/change/", new).status_code == 302
    from targets.models import AdminChange

    audited = AdminChange.objects.filter(object_id=str(webhook.pk), content_type__model="officewebhook")
    assert audited.filter(field="机器人地址").exists()
    assert not any("SECRET123" in row.new_value or "/ok" in row.old_value for row in audited)
    refused = client.post(
        f"/admin/targets/officewebhook/{webhook.pk}/change/", {**data, "url": "qyapi key=abc"}
    )
    assert "请填写以 http:// 或 https:// 开头的完整网址" in refused.content.decode()


def test_admins_read_the_delivery_log_with_failures(town, robot):
    run("2023-07-02")
    client = client_for(town.admin)
    listing = client.get("/admin/targets/delivery/?outcome__exact=failed").content.decode()
    assert "HTTP 500" in listing and "农业农村局" in listing
    assert client_for(town.leader).get("/admin/targets/delivery/").status_code == 403


def test_a_chase_of_an_absurd_month_or_year_is_a_message_not_a_500(town, july_10):
    client = client_for(town.leader)
    for url in ("/targets/chase/%s/99999/6/", "/targets/chase/%s/2023/13/", "/targets/chase/%s/1/1/"):
        response = client.post(url % town.office.pk, follow=True)
        assert response.status_code == 200 and "年度或月份无效" in response.content.decode()
    assert client.post("/targets/chase/999999/2023/6/").status_code == 404
    assert not Chase.objects.exists()

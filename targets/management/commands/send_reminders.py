"""``manage.py send_reminders [--date YYYY-MM-DD] [--dry-run]``: apply the reminder rules for one day.

Meant to run once a day (cron or a systemd timer, see the README). Running it twice for one date sends nothing
twice; failed deliveries of earlier runs are retried. ``--dry-run`` prints what would be sent and sends nothing.
A date that is not a date stops it with a message and exit status 2.
"""

from datetime import date

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from targets.entry.rows import today
from targets.people import person_name
from targets.reminders import services


def parse_date(text: str) -> date:
    try:
        return date.fromisoformat(text.strip())
    except (ValueError, AttributeError) as error:
        raise CommandError(
            _("--date 须为 YYYY-MM-DD 格式的日期，如 2023-07-05；“%(text)s”不是有效日期。")
            % {"text": text[:40]},
            returncode=2,
        ) from error


class Command(BaseCommand):
    help = "按提醒规则发送当天的临近提醒、到期提醒、逾期催办、督办和欠序时预警。"

    def add_arguments(self, parser):
        parser.add_argument("--date", help="按哪一天运行（YYYY-MM-DD），默认今天")
        parser.add_argument("--dry-run", action="store_true", help="只列出将要发送的内容，不发送")

    def handle(self, *args, **options):
        on = parse_date(options["date"]) if options["date"] is not None else today()
        if not 2000 <= on.year <= 2100:
            raise CommandError(
                _("--date 的年份须在 2000 至 2100 之间：%(date)s。") % {"date": on.isoformat()}, returncode=2
            )
        report = services.run(on, dry_run=options["dry_run"])
        for notice, recipient in report.planned:
            who = (
                person_name(recipient)
                if recipient
                else _("%(office)s群机器人") % {"office": notice.office.name}
            )
            self.stdout.write(f"{notice.rule_label}\t{who}\t{notice.title}")
        if options["dry_run"]:
            self.stdout.write(
                _("试运行（%(date)s）：将发送 %(count)s 条，未发送任何消息。")
                % {"date": on.isoformat(), "count": len(report.planned)}
            )
            return
        self.stdout.write(
            _(
                "%(date)s：新消息 %(messages)s 条；投递成功 %(sent)s，失败 %(failed)s，未发送 %(skipped)s（无地址）；"
                "重试 %(retried)s；今天已发过 %(already)s。"
            )
            % {
                "date": on.isoformat(),
                "messages": report.messages,
                "sent": report.sent,
                "failed": report.failed,
                "skipped": report.skipped,
                "retried": report.retried,
                "already": report.already,
            }
        )

"""``manage.py backup [PATH]``: the database and the uploaded files in one .tar (see ``targets.backup``)."""

from django.core.management.base import BaseCommand, CommandError

from targets.backup import BackupError, backup


class Command(BaseCommand):
    help = "备份数据库（pg_dump）和上传的附件到一个 .tar 文件；不给路径时写到 .data/backups/。"

    def add_arguments(self, parser):
        parser.add_argument("path", nargs="?", help="备份文件路径（.tar）")

    def handle(self, *args, path=None, **options):
        try:
            written = backup(path)
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"已备份到 {written}")

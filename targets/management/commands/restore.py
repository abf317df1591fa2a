"""``manage.py restore PATH``: put a backup back, database and uploaded files (see ``targets.backup``)."""

from django.core.management.base import BaseCommand, CommandError

from targets.backup import BackupError, restore


class Command(BaseCommand):
    help = "从 backup 生成的 .tar 恢复数据库和附件：覆盖当前全部数据（原附件移到旁边保留）。先停止服务。"

    def add_arguments(self, parser):
        parser.add_argument("path", help="备份文件路径（.tar）")
        parser.add_argument("--yes", action="store_true", help="不再询问，直接覆盖")

    def handle(self, *args, path, yes=False, **options):
        if not yes:
            answer = input("恢复将覆盖当前数据库中的全部数据。输入 yes 继续：")
            if answer.strip().lower() != "yes":
                raise CommandError("已取消，未做任何修改。")
        try:
            aside = restore(path)
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"已从 {path} 恢复。")
        if aside:
            self.stdout.write(f"恢复前的附件已移到 {aside}")

"""Make a write-API token for a user and print it once: ``manage.py create_api_token staff1 "统计报送系统"``."""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from targets.models import ApiToken


class Command(BaseCommand):
    help = "为用户生成接口令牌（只显示一次）"

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("name", help="使用令牌的系统名称")

    def handle(self, *args, username, name, **options):
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"没有用户 {username}")
        _token, secret = ApiToken.issue(user, name)
        self.stdout.write(secret)

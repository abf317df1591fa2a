"""Create one account per role on first run, with a random password printed once.

The passwords are also kept in ``.data/accounts.txt`` (git-ignored, readable by the owner only) so the person who
ran the command can find them again; nobody else can, and no password is fixed in the code.
"""

import os
import secrets
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand

from targets import roles
from targets.models import Office, Profile

ACCOUNTS = [
    ("admin", roles.ADMIN, "系统管理员"),
    ("leader", roles.LEADER, "镇领导"),
    ("staff", roles.STAFF, "经发局填报员"),
]
STAFF_OFFICE = "经济发展局"


class Command(BaseCommand):
    help = "为三种角色各创建一个账号（仅首次运行），随机密码只打印一次并保存在 .data/accounts.txt"

    def handle(self, *args, **options):
        roles.ensure_groups()
        User = get_user_model()
        created = []
        for username, role, full_name in ACCOUNTS:
            group = Group.objects.get(name=role)
            if group.user_set.exists() or User.objects.filter(username=username).exists():
                continue
            password = secrets.token_urlsafe(12)
            user = User.objects.create_user(
                username=username, password=password, first_name=full_name, is_staff=role == roles.ADMIN
            )
            user.groups.add(group)
            office = Office.objects.filter(name=STAFF_OFFICE).first() if role == roles.STAFF else None
            Profile.objects.create(user=user, office=office)
            created.append((username, role, password))
        path = Path(settings.DATA_DIR) / "accounts.txt"
        if not created:
            self.stdout.write(f"账号已存在，未新建。初始账号见 {path}（若仍保留）。")
            return
        path.parent.mkdir(parents=True, exist_ok=True)
        lines = [f"{username}\t{role}\t{password}" for username, role, password in created]
        # Created readable by the owner only from the first byte, not chmod-ed after the passwords are in it.
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
        with os.fdopen(descriptor, "a", encoding="utf-8") as handle:
            handle.write("\n".join(lines) + "\n")
        path.chmod(0o600)
        self.stdout.write(self.style.WARNING(f"已创建初始账号（密码只显示这一次，另存于 {path}）："))
        for line in lines:
            self.stdout.write("  " + line)

"""Demo site root and users. Run by ``manage.py load_demo`` before the other apps' demos."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from home.factories import get_or_create_home

# Documented in README.md. Demo users exist only where load_demo ran.
DEMO_USERS = [
    # username, password, superuser, groups
    ("admin", "herald-admin", True, []),
    ("editor", "herald-editor", False, ["Editors"]),
    ("moderator", "herald-moderator", False, ["Moderators"]),
]


def load(command):
    get_or_create_home()
    User = get_user_model()
    for username, password, is_superuser, groups in DEMO_USERS:
        if User.objects.filter(username=username).exists():
            continue
        user = User(
            username=username,
            email=f"{username}@laht.example",
            first_name=username.capitalize(),
            last_name="Demo",
            is_staff=True,
            is_superuser=is_superuser,
        )
        user.set_password(password)
        user.save()
        for group_name in groups:
            group, _ = Group.objects.get_or_create(name=group_name)
            user.groups.add(group)
        command.stdout.write(f"Created user {username}")

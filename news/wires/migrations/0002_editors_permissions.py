"""Wagtail's Editors and Moderators groups may use the desk and keep its rules."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

CODENAMES = [
    "view_wireitem",
    "add_wireitem",
    "change_wireitem",
    "view_wirerule",
    "add_wirerule",
    "change_wirerule",
    "delete_wirerule",
]


def grant(apps, schema_editor):
    config = apps.get_app_config("wires")
    config.models_module = True
    create_permissions(config, apps=apps, verbosity=0)
    config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    permissions = list(
        Permission.objects.filter(content_type__app_label="wires", codename__in=CODENAMES)
    )
    for group in Group.objects.filter(name__in=["Editors", "Moderators"]):
        group.permissions.add(*permissions)


class Migration(migrations.Migration):
    dependencies = [
        ("wires", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("wagtailcore", "0002_initial_data"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]

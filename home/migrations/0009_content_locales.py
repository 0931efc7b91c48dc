"""The content locales: English (the default) and Spanish.

A database made before i18n has one locale, named after the old LANGUAGE_CODE ("en-us"); it
becomes "en", keeping its id, so every page and snippet already in it stays English.
"""

from django.db import migrations


def add_locales(apps, schema_editor):
    Locale = apps.get_model("wagtailcore", "Locale")
    if not Locale.objects.filter(language_code="en").exists():
        Locale.objects.filter(language_code__in=["en-us", "en-US"]).update(language_code="en")
    Locale.objects.get_or_create(language_code="en")
    Locale.objects.get_or_create(language_code="es")


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0008_subscriber_suppressed_statuses"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(add_locales, migrations.RunPython.noop)]

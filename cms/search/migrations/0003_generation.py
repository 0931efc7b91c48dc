from django.db import migrations

# The counter of changes to the search table (cms.search.freshness), PostgreSQL only.


def create_sequence(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("CREATE SEQUENCE IF NOT EXISTS cms_search_generation")


def drop_sequence(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP SEQUENCE IF EXISTS cms_search_generation")


class Migration(migrations.Migration):

    dependencies = [
        ("cms_search", "0002_head"),
    ]

    operations = [
        migrations.RunPython(create_sequence, drop_sequence),
    ]

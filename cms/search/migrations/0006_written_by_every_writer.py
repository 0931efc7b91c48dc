from django.db import migrations

# The change counter's trigger fires for every writer, also one that leaves triggers out
# with the replication role (the story generator's batches check their foreign keys
# themselves): a row without its counter would be missed by searches kept since.


def always(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            "ALTER TABLE cms_search_entry ENABLE ALWAYS TRIGGER cms_search_written"
        )


def by_default(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("ALTER TABLE cms_search_entry ENABLE TRIGGER cms_search_written")


class Migration(migrations.Migration):
    dependencies = [
        ("cms_search", "0005_pages_by_title_in_wagtails_index"),
    ]

    operations = [
        migrations.RunPython(always, by_default),
    ]

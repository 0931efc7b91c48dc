from django.db import migrations

# Title and deck words only (weights A and B of the vector), derived by PostgreSQL on every
# write: a broad word's title and deck matches are read first, without reading the vector
# of every body match (cms.search.tiers). PostgreSQL only, like the other indexes.
CREATE = [
    "ALTER TABLE cms_search_entry ADD COLUMN head tsvector"
    " GENERATED ALWAYS AS (ts_filter(vector, '{a,b}')) STORED",
    "CREATE INDEX search_entry_head ON cms_search_entry USING gin (head)",
]


def create_head(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for sql in CREATE:
            schema_editor.execute(sql)


def drop_head(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("ALTER TABLE cms_search_entry DROP COLUMN head")


class Migration(migrations.Migration):

    dependencies = [
        ("cms_search", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(create_head, drop_head),
    ]

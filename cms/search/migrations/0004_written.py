from django.db import migrations, models

# Each row written carries the change counter's value (cms.search.freshness), set by a
# trigger so that every writer, bulk loads included, records it. PostgreSQL only.
FUNCTION = """
CREATE OR REPLACE FUNCTION cms_search_written() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    mark text := current_setting('cms_search.written', true);
    last bigint;
BEGIN
    IF mark IS NULL OR mark = '' THEN
        SELECT CASE WHEN is_called THEN last_value ELSE 0 END INTO last
            FROM cms_search_generation;
        PERFORM pg_advisory_xact_lock_shared({space}, least(last, 2147483647)::integer);
        mark := nextval('cms_search_generation')::text;
        PERFORM set_config('cms_search.written', mark, true);
    END IF;
    NEW.written := mark::bigint;
    RETURN NEW;
END
$$
"""
TRIGGER = (
    "CREATE TRIGGER cms_search_written BEFORE INSERT OR UPDATE ON cms_search_entry"
    " FOR EACH ROW EXECUTE FUNCTION cms_search_written()"
)
# The same constant as cms.search.freshness.LOCK_SPACE; migrations do not import app code.
LOCK_SPACE = 0x5EA4C4


def create_trigger(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(FUNCTION.format(space=LOCK_SPACE))
        schema_editor.execute(TRIGGER)


def drop_trigger(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP TRIGGER IF EXISTS cms_search_written ON cms_search_entry")
        schema_editor.execute("DROP FUNCTION IF EXISTS cms_search_written()")


class Migration(migrations.Migration):

    dependencies = [
        ("cms_search", "0003_generation"),
    ]

    operations = [
        migrations.AddField(
            model_name="searchentry",
            name="written",
            field=models.BigIntegerField(
                editable=False,
                help_text="The change counter's value when the row was last written.",
                null=True,
            ),
        ),
        migrations.AddIndex(
            model_name="searchentry",
            index=models.Index(fields=["written"], name="search_entry_written"),
        ),
        migrations.RunPython(create_trigger, drop_trigger),
    ]

import django.db.models.deletion
from django.db import migrations, models

# Pages' rows in Wagtail's index keep their titles for autocomplete and fuzzy matching; their
# full text is read from cms_search_entry (cms.search.backend), so the second copy goes.
BLANK_PAGE_ROWS = """
UPDATE wagtailsearch_indexentry SET title = ''::tsvector, body = ''::tsvector, body_text = '',
    title_norm = 1.0
WHERE content_type_id IN (SELECT DISTINCT content_type_id FROM wagtailcore_page)
    AND (length(title) > 0 OR length(body) > 0)
"""


def blank_page_rows(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(BLANK_PAGE_ROWS)


class Migration(migrations.Migration):

    dependencies = [
        ("cms_search", "0004_written"),
        ("wagtailsearch", "0010_add_text_fields"),
    ]

    operations = [
        migrations.AlterField(
            model_name="searchentry",
            name="page",
            field=models.OneToOneField(
                on_delete=django.db.models.deletion.CASCADE,
                primary_key=True,
                related_name="search_entry",
                serialize=False,
                to="wagtailcore.page",
            ),
        ),
        # Going back, ``update_index`` under Wagtail's own backend writes the full rows again.
        migrations.RunPython(blank_page_rows, migrations.RunPython.noop),
    ]

"""The delivery app's tables, adopted from ``home`` where a database already has them."""

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models

from cms.migration_adoption import AdoptModel, after_home_tables


def create_state(apps, schema_editor):
    apps.get_model("delivery", "APIDocumentState").objects.get_or_create(pk=1)


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('contenttypes', '0002_remove_content_type_name'),
        ('wagtailcore', '0098_apitoken'),
    ] + after_home_tables()

    operations = [
        AdoptModel(
            name='APIDocument',
            old_table='home_apidocument',
            fields=[
                ('page', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, primary_key=True, related_name='api_document_row', serialize=False, to=settings.WAGTAIL_PAGE_MODEL)),
                ('version', models.CharField(max_length=32)),
                ('body', models.TextField(help_text='One line per field: name, a tab, its JSON (encode()).')),
                ('rendered_at', models.DateTimeField(default=django.utils.timezone.now)),
            ],
            options={
                'verbose_name': 'API document',
            },
        ),
        AdoptModel(
            name='APIDocumentState',
            old_table='home_apidocumentstate',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('generation', models.BigIntegerField(default=0)),
            ],
            options={
                'verbose_name': 'API document state',
            },
        ),
        AdoptModel(
            name='APIDocumentDependency',
            old_table='home_apidocumentdependency',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('object_id', models.BigIntegerField()),
                ('content_type', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='contenttypes.contenttype')),
                ('document', models.ForeignKey(db_constraint=False, db_index=False, on_delete=django.db.models.deletion.DO_NOTHING, related_name='dependencies', to='delivery.apidocument')),
            ],
            options={
                'verbose_name': 'API document dependency',
                'indexes': [models.Index(fields=['content_type', 'object_id'], name='api_document_dep_target')],
                'constraints': [models.UniqueConstraint(fields=('document', 'content_type', 'object_id'), name='unique_api_document_dep')],
            },
        ),
        migrations.RunPython(create_state, migrations.RunPython.noop),
    ]

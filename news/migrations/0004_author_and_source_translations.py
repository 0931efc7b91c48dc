# Labels of shared snippets per edition (cms.delivery.labels): new tables only, existing rows and ids unchanged.

import cms.delivery.labels
import django.db.models.deletion
import modelcluster.fields
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('news', '0003_correction_kind'),
    ]

    operations = [
        migrations.CreateModel(
            name='AuthorTranslation',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('language', models.CharField(choices=cms.delivery.labels.other_languages, max_length=10)),
                ('job_title', models.CharField(blank=True, help_text='e.g. Corresponsal en Caracas. Blank: the English.', max_length=255)),
                ('bio', models.TextField(blank=True, help_text='Blank: the English bio.')),
                ('author', modelcluster.fields.ParentalKey(on_delete=django.db.models.deletion.CASCADE, related_name='translations', to='news.author')),
            ],
            options={
                'constraints': [models.UniqueConstraint(fields=('author', 'language'), name='unique_author_language')],
            },
        ),
        migrations.CreateModel(
            name='WireSourceTranslation',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('language', models.CharField(choices=cms.delivery.labels.other_languages, max_length=10)),
                ('name', models.CharField(blank=True, help_text='Blank: the English name.', max_length=100)),
                ('source', modelcluster.fields.ParentalKey(on_delete=django.db.models.deletion.CASCADE, related_name='translations', to='news.wiresource')),
            ],
            options={
                'constraints': [models.UniqueConstraint(fields=('source', 'language'), name='unique_source_language')],
            },
        ),
    ]

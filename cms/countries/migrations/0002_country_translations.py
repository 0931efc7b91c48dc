# Labels of shared snippets per edition (cms.delivery.labels): new tables only, existing rows and ids unchanged.

import cms.delivery.labels
import django.db.models.deletion
import modelcluster.fields
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('countries', '0001_initial'),
    ]

    operations = [
        migrations.CreateModel(
            name='CountryTranslation',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('language', models.CharField(choices=cms.delivery.labels.other_languages, max_length=10)),
                ('name', models.CharField(blank=True, help_text='Blank: the English name.', max_length=100)),
                ('country', modelcluster.fields.ParentalKey(on_delete=django.db.models.deletion.CASCADE, related_name='translations', to='countries.country')),
            ],
            options={
                'constraints': [models.UniqueConstraint(fields=('country', 'language'), name='unique_country_language')],
            },
        ),
    ]

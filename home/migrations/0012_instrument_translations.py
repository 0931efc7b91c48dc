# Labels of shared snippets per edition (cms.delivery.labels): new tables only, existing rows and ids unchanged.

import cms.delivery.labels
import django.db.models.deletion
import modelcluster.fields
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('home', '0011_furniture_translations'),
    ]

    operations = [
        migrations.CreateModel(
            name='InstrumentTranslation',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('language', models.CharField(choices=cms.delivery.labels.other_languages, max_length=10)),
                ('name', models.CharField(blank=True, help_text="e.g. 'Petróleo crudo'.", max_length=100)),
                ('unit', models.CharField(blank=True, help_text="e.g. 'barril'.", max_length=50)),
                ('quote_convention', models.CharField(blank=True, help_text="e.g. 'USD por barril'.", max_length=50)),
                ('instrument', modelcluster.fields.ParentalKey(on_delete=django.db.models.deletion.CASCADE, related_name='translations', to='home.instrument')),
            ],
            options={
                'constraints': [models.UniqueConstraint(fields=('instrument', 'language'), name='unique_instrument_language')],
            },
        ),
    ]

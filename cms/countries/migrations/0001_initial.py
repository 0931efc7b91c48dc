"""The countries app's tables, adopted from ``home`` where a database already has them."""

import modelsearch.index
from django.db import migrations, models

from cms.migration_adoption import AdoptModel, after_home_tables


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('contenttypes', '0002_remove_content_type_name'),
    ] + after_home_tables()

    operations = [
        AdoptModel(
            name='Country',
            old_table='home_country',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('name', models.CharField(max_length=100, unique=True)),
                ('code', models.CharField(help_text='Two-letter ISO 3166-1 alpha-2 code, e.g. VE.', max_length=2, unique=True, verbose_name='ISO 3166 code')),
                ('region', models.CharField(blank=True, choices=[('south-america', 'South America'), ('central-america', 'Central America'), ('caribbean', 'Caribbean'), ('north-america', 'North America'), ('europe', 'Europe'), ('middle-east', 'Middle East'), ('asia', 'Asia'), ('africa', 'Africa'), ('oceania', 'Oceania')], max_length=32)),
            ],
            options={
                'verbose_name_plural': 'countries',
                'ordering': ['name'],
            },
            bases=(modelsearch.index.Indexed, models.Model),
        ),
    ]

"""Country guides point at the platform's countries.

Left out of the first migration: a database made before the move applied that one while
``countries`` did not exist yet. On such a database the column is already there (and its
foreign key follows the adopted table); elsewhere it is created here.
"""

import django.db.models.deletion
from django.db import migrations, models

from cms.migration_adoption import AdoptField


class Migration(migrations.Migration):

    dependencies = [
        ('directory', '0001_squashed'),
        ('countries', '0001_initial'),
    ]

    operations = [
        AdoptField(
            model_name='countrypage',
            name='country',
            field=models.ForeignKey(help_text='The country this guide is about (its ISO code and region come from here).', on_delete=django.db.models.deletion.PROTECT, related_name='directory_pages', to='countries.country'),
        ),
    ]

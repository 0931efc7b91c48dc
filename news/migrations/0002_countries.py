"""Stories point at the platform's countries.

Left out of the first migration: a database made before the move applied that one while
``countries`` did not exist yet. On such a database the table is already there (and its
foreign key follows the adopted table); elsewhere it is created here.
"""

import modelcluster.fields
from django.db import migrations, models

from cms.migration_adoption import AdoptField


class Migration(migrations.Migration):

    dependencies = [
        ('news', '0001_squashed'),
        ('countries', '0001_initial'),
    ]

    operations = [
        AdoptField(
            model_name='articlepage',
            name='countries',
            field=modelcluster.fields.ParentalManyToManyField(blank=True, help_text='Countries the story is about (ids of countries.Country).', related_name='articles', to='countries.country'),
        ),
    ]
